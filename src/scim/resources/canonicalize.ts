import { ATTRIBUTES_BY_SCHEMA } from '../discovery/schema-definitions.ts';
import type { SchemaAttribute } from '../discovery/schema-definitions.ts';
import { invalidValue } from '../errors.ts';
import { isJsonObject } from '../json.ts';
import type { JsonObject, JsonValue } from '../json.ts';
import { canonicalSchemaUrn, CORE_GROUP_SCHEMA, CORE_USER_SCHEMA, isCoreSchema } from '../schema-urns.ts';

// Incoming resources spell attribute names in any case (`"Primary": true`, `"Manager": {"Value": …}`).
// This gives each known attribute our spelling, turns Entra's "True"/"False" strings into booleans for
// boolean attributes, and drops top-level names that no schema defines (RFC 7644 §3.3 lets a service
// provider ignore them; Microsoft's collection checks that a misspelt `adreses` is not echoed).

const COMMON = new Map([
  ['schemas', 'schemas'],
  ['id', 'id'],
  ['externalid', 'externalId'],
  ['meta', 'meta'],
]);

export type ResourceKind = 'User' | 'Group';

export function canonicalizeResource(input: JsonObject, kind: ResourceKind): JsonObject {
  const core = ATTRIBUTES_BY_SCHEMA.get(kind === 'User' ? CORE_USER_SCHEMA : CORE_GROUP_SCHEMA) ?? [];
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(input)) {
    const common = COMMON.get(key.toLowerCase());
    if (common !== undefined) {
      out[common] = value;
      continue;
    }
    const urn = canonicalSchemaUrn(key);
    if (urn !== undefined && !isCoreSchema(urn)) {
      if (kind !== 'User') continue;
      if (value === null) continue;
      if (!isJsonObject(value)) throw invalidValue(`"${key}" must be an object`);
      out[urn] = canonicalizeObject(value, ATTRIBUTES_BY_SCHEMA.get(urn) ?? [], true);
      continue;
    }
    const definition = findAttribute(core, key);
    if (definition === undefined) continue;
    out[definition.name] = canonicalizeValue(value, definition);
  }
  return out;
}

function findAttribute(attributes: readonly SchemaAttribute[], name: string): SchemaAttribute | undefined {
  const lower = name.toLowerCase();
  return attributes.find((attribute) => attribute.name.toLowerCase() === lower);
}

function canonicalizeObject(
  value: JsonObject,
  attributes: readonly SchemaAttribute[],
  dropUnknown: boolean,
): JsonObject {
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    const definition = findAttribute(attributes, key);
    if (definition === undefined) {
      if (!dropUnknown) out[key] = item;
      continue;
    }
    out[definition.name] = canonicalizeValue(item, definition);
  }
  return out;
}

function canonicalizeValue(value: JsonValue, definition: SchemaAttribute): JsonValue {
  if (value === null) return null;
  if (definition.multiValued) {
    const list = Array.isArray(value) ? value : [value];
    return list.map((item) => canonicalizeSingle(item, definition));
  }
  return canonicalizeSingle(value, definition);
}

function canonicalizeSingle(value: JsonValue, definition: SchemaAttribute): JsonValue {
  if (value === null) return null;
  if (definition.type === 'boolean' && typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    throw invalidValue(`"${definition.name}" must be a boolean, not ${JSON.stringify(value)}`);
  }
  if (definition.type === 'complex') {
    const subAttributes = (definition.subAttributes ?? []) as unknown as SchemaAttribute[];
    if (isJsonObject(value)) return canonicalizeObject(value, subAttributes, false);
    // A bare value for a singular complex attribute (`"manager": "id"`) is its `value`;
    // Entra sends a singular complex attribute as a one-element list (`"manager": [{"value": …}]`).
    if (Array.isArray(value))
      return value.length === 0 ? null : canonicalizeSingle(value[0] ?? null, definition);
    // Only a singular attribute with a `value` (Entra's `"manager": "id"`) takes a bare value; a
    // scalar where values are expected (`"members": "oops"`) is malformed, not an empty list.
    if (definition.multiValued || !subAttributes.some((sub) => sub.name === 'value')) {
      throw invalidValue(
        `"${definition.name}" must be ${definition.multiValued ? 'a list of objects' : 'an object'}, not a ${typeof value}`,
      );
    }
    return { value };
  }
  return value;
}
