import { matchesFilter } from '../filter/evaluator.ts';
import type { PatchPath } from '../filter/ast.ts';
import { parsePatchPath } from '../filter/path-parser.ts';
import { findKey, isJsonObject } from '../json.ts';
import type { JsonObject, JsonValue } from '../json.ts';
import { canonicalSchemaUrn, isCoreSchema } from '../schema-urns.ts';

// `attributes` / `excludedAttributes` (RFC 7644 §3.9). `id` and `schemas` are always returned.
// Leniency (Microsoft's collection): `attributes=emails[type eq "work"]` returns the matching emails.

const ALWAYS = ['schemas', 'id'];

export interface Projection {
  readonly attributes?: readonly string[];
  readonly excludedAttributes?: readonly string[];
}

/** Splits a comma-separated query parameter, keeping commas inside value filters. */
export function splitAttributeList(text: string | undefined): string[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current.trim());
  return parts.filter((part) => part !== '');
}

export function projectAttributes(resource: JsonObject, projection: Projection): JsonObject {
  if (projection.attributes !== undefined && projection.attributes.length > 0) {
    const out: JsonObject = {};
    for (const key of ALWAYS) if (resource[key] !== undefined) out[key] = resource[key] as JsonValue;
    for (const text of projection.attributes) include(resource, out, parsePatchPath(text));
    return out;
  }
  if (projection.excludedAttributes !== undefined && projection.excludedAttributes.length > 0) {
    const out = structuredClone(resource);
    for (const text of projection.excludedAttributes) exclude(out, parsePatchPath(text));
    return out;
  }
  return resource;
}

function containerKey(
  resource: JsonObject,
  path: PatchPath,
): { holder: JsonObject; target: JsonObject } | undefined {
  if (path.uri === undefined || isCoreSchema(path.uri)) return { holder: resource, target: resource };
  const key = findKey(resource, canonicalSchemaUrn(path.uri) ?? path.uri);
  if (key === undefined) return undefined;
  const value = resource[key];
  return isJsonObject(value) ? { holder: resource, target: value } : undefined;
}

function include(resource: JsonObject, out: JsonObject, path: PatchPath): void {
  const found = containerKey(resource, path);
  if (found === undefined) return;
  let destination = out;
  if (found.target !== resource) {
    const urnKey = findKey(resource, canonicalSchemaUrn(path.uri ?? '') ?? path.uri ?? '') as string;
    if (path.attr === undefined) {
      out[urnKey] = structuredClone(found.target);
      return;
    }
    destination = isJsonObject(out[urnKey]) ? out[urnKey] : (out[urnKey] = {});
  }
  if (path.attr === undefined) return;
  const key = findKey(found.target, path.attr);
  if (key === undefined) return;
  let value = found.target[key] as JsonValue;
  if (path.filter !== undefined && Array.isArray(value)) {
    const filter = path.filter;
    value = value.filter((item) => isJsonObject(item) && matchesFilter(filter, item));
  }
  if (path.subAttr === undefined) {
    destination[key] = structuredClone(value);
    return;
  }
  const subAttr = path.subAttr;
  const pick = (item: JsonValue): JsonValue | undefined => {
    if (!isJsonObject(item)) return undefined;
    const subKey = findKey(item, subAttr);
    return subKey === undefined ? undefined : { [subKey]: structuredClone(item[subKey] as JsonValue) };
  };
  if (Array.isArray(value)) {
    const existing = Array.isArray(destination[key]) ? destination[key] : [];
    const picked = value.map((item, index) => ({
      ...(isJsonObject(existing[index]) ? existing[index] : {}),
      ...(pick(item) as JsonObject | undefined),
    }));
    destination[key] = picked;
  } else {
    const picked = pick(value);
    if (picked !== undefined)
      destination[key] = {
        ...(isJsonObject(destination[key]) ? destination[key] : {}),
        ...(picked as JsonObject),
      };
  }
}

function exclude(resource: JsonObject, path: PatchPath): void {
  if (path.attr !== undefined && path.uri === undefined && ALWAYS.includes(path.attr.toLowerCase())) return;
  const found = containerKey(resource, path);
  if (found === undefined) return;
  if (path.attr === undefined) {
    const urnKey = findKey(resource, canonicalSchemaUrn(path.uri ?? '') ?? path.uri ?? '');
    if (urnKey !== undefined) delete resource[urnKey];
    return;
  }
  const key = findKey(found.target, path.attr);
  if (key === undefined) return;
  if (path.subAttr === undefined) {
    delete found.target[key];
    return;
  }
  const subAttr = path.subAttr;
  const value = found.target[key];
  for (const item of Array.isArray(value) ? value : [value]) {
    if (!isJsonObject(item)) continue;
    const subKey = findKey(item, subAttr);
    if (subKey !== undefined) delete item[subKey];
  }
}
