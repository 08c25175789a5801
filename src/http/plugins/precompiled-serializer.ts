// A route's 200 response written by a serializer compiled once, at start-up, from its zod schema
// (as JSON Schema, by fast-json-stringify), instead of zod encoding every response (a copy of
// every object) and then JSON.stringify: a page of 50 users takes 72 µs instead of 113 µs
// (docs/benchmarks.md, User list). The wire format is the same: the schema's properties in the
// schema's order, anything else left out. Unlike zod, fast-json-stringify does not check values
// (a number where a string belongs is written as a string, not refused with a 500); the type
// provider checks the handler's return type against the same schema at compile time.
import type { FastifyRouteSchemaDef } from 'fastify/types/schema.js';
import fastJson, { type Schema } from 'fast-json-stringify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

function withoutAdditionalProperties(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutAdditionalProperties);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'additionalProperties')
      .map(([key, inner]) => [key, withoutAdditionalProperties(inner)]),
  );
}

/**
 * The JSON Schema of a plain response schema, or null when zod would write it differently from
 * how it reads (a transform, codec or default: its encoding is zod's to do) or JSON Schema cannot
 * express it (e.g. z.date()).
 */
export function plainJsonSchema(schema: z.ZodType): Schema | null {
  try {
    const output = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'output', unrepresentable: 'throw' });
    const input = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'throw' });
    const same =
      JSON.stringify(withoutAdditionalProperties(output)) ===
      JSON.stringify(withoutAdditionalProperties(input));
    return same ? (output as Schema) : null;
  } catch {
    return null;
  }
}

/**
 * A route-level serializer compiler: the 200 response by a precompiled serializer when its schema
 * is plain (see plainJsonSchema), every other response (errors) and any other schema by zod as
 * before. Generic because Fastify types a route's compiler by the route's whole schema object; what
 * it is handed at run time is one response schema.
 */
export function precompiledOkSerializer<RouteSchema>(
  route: FastifyRouteSchemaDef<RouteSchema>,
): (data: unknown) => string {
  const schema: unknown = route.schema;
  if (!(schema instanceof z.ZodType))
    throw new Error(`${route.method} ${route.url}: not a zod response schema`);
  const jsonSchema = route.httpStatus === '200' ? plainJsonSchema(schema) : null;
  if (!jsonSchema) return zodSerializerCompiler({ ...route, schema });
  const stringify = fastJson(jsonSchema);
  return (data) => stringify(data);
}
