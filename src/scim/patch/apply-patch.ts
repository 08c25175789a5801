import { invalidPath, invalidValue, mutability, noTarget } from '../errors.ts';
import { matchesFilter } from '../filter/evaluator.ts';
import type { FilterNode, PatchPath } from '../filter/ast.ts';
import { parsePatchPath } from '../filter/path-parser.ts';
import { findKey, getCi, isJsonObject } from '../json.ts';
import type { JsonObject, JsonValue } from '../json.ts';
import { canonicalSchemaUrn, isCoreSchema } from '../schema-urns.ts';
import { ElementIndex } from './element-index.ts';
import { DEFAULT_PATCH_SCHEMA } from './types.ts';
import type { PatchOperation, PatchSchema } from './types.ts';

// RFC 7644 §3.5.2 PATCH applied to a resource object. Pure: the input is never mutated; a patched copy
// is returned. Leniencies, each for a client that really sends it:
// - Entra ID: "True"/"False" strings for booleans; path-less values whose keys are paths
//   (`{"name.givenName": "x"}`); a value filter on add/replace that matches nothing creates the value
//   when the filter is a conjunction of `eq` (`emails[type eq "work"].value`);
//   `remove` on `members` with a `value` list removes only those members, never the whole group.
// - Okta: path-less replace values that carry read-only attributes (`id`) are ignored, not refused.

export function applyPatch(
  resource: JsonObject,
  operations: readonly PatchOperation[],
  schema: PatchSchema = DEFAULT_PATCH_SCHEMA,
): JsonObject {
  const doc = structuredClone(resource);
  const patcher = new Patcher(schema);
  for (const operation of operations) patcher.apply(doc, operation);
  return doc;
}

class Patcher {
  constructor(private readonly schema: PatchSchema) {}

  apply(doc: JsonObject, operation: PatchOperation): void {
    if (operation.path === undefined) {
      if (operation.op === 'remove') throw noTarget('A remove operation needs a "path"');
      this.applyPathless(doc, operation);
      return;
    }
    const path = parsePatchPath(operation.path, this.schema.knownUrns);
    this.assertWritable(path, operation.path);
    if (operation.op === 'remove') this.remove(doc, path, operation.value);
    else this.set(doc, path, operation.op, operation.value ?? null);
  }

  private applyPathless(doc: JsonObject, operation: PatchOperation): void {
    const value = operation.value;
    if (!isJsonObject(value)) throw invalidValue(`A ${operation.op} without "path" needs an object "value"`);
    for (const [key, item] of Object.entries(value)) {
      const urn = canonicalSchemaUrn(key);
      if (urn !== undefined && !isCoreSchema(urn)) {
        if (!isJsonObject(item)) throw invalidValue(`The value of "${key}" must be an object`);
        const extension = ensureObject(doc, urn);
        for (const [name, sub] of Object.entries(item)) this.setAttribute(extension, name, sub, operation.op);
      } else if (urn !== undefined) {
        // A core schema URN as a key: its attributes live at the top level.
        if (!isJsonObject(item)) throw invalidValue(`The value of "${key}" must be an object`);
        for (const [name, sub] of Object.entries(item)) this.setTopLevel(doc, name, sub, operation.op);
      } else if (/[.[]/.test(key) || key.toLowerCase().startsWith('urn:')) {
        this.apply(doc, { op: operation.op, path: key, value: item });
      } else {
        this.setTopLevel(doc, key, item, operation.op);
      }
    }
  }

  private setTopLevel(
    doc: JsonObject,
    name: string,
    value: JsonValue,
    op: 'add' | 'replace' | 'remove',
  ): void {
    const key = name.toLowerCase();
    if (key === 'schemas') return;
    if (this.schema.readOnly.has(key)) {
      // Okta echoes `id` (and some clients `meta`) in path-less values: ignored. Any other read-only
      // attribute (a User's `groups`) would be a 204 that changes nothing: refused (RFC 7644 §3.5.2).
      if (key === 'id' || key === 'meta') return;
      throw mutability(`The attribute "${name}" is read-only`);
    }
    this.setAttribute(doc, name, value, op);
  }

  private assertWritable(path: PatchPath, text: string): void {
    const coreLevel = path.uri === undefined || isCoreSchema(path.uri);
    if (coreLevel && path.attr !== undefined && this.schema.readOnly.has(path.attr.toLowerCase())) {
      throw mutability(`The attribute "${text}" is read-only`);
    }
  }

  private container(doc: JsonObject, path: PatchPath, create: boolean): JsonObject | undefined {
    if (path.uri === undefined || isCoreSchema(path.uri)) return doc;
    const urn = canonicalSchemaUrn(path.uri) ?? path.uri;
    if (create) return ensureObject(doc, urn);
    const value = getCi(doc, urn);
    return isJsonObject(value) ? value : undefined;
  }

  private set(doc: JsonObject, path: PatchPath, op: 'add' | 'replace', value: JsonValue): void {
    const container = this.container(doc, path, true) as JsonObject;
    if (path.attr === undefined) {
      if (!isJsonObject(value)) throw invalidValue('The value of an extension schema must be an object');
      for (const [name, item] of Object.entries(value)) this.setAttribute(container, name, item, op);
      return;
    }
    if (path.filter === undefined) {
      if (path.subAttr === undefined) {
        this.setAttribute(container, path.attr, value, op);
        return;
      }
      const parentKey = findKey(container, path.attr) ?? path.attr;
      const parent = container[parentKey];
      if (Array.isArray(parent) || this.schema.multiValued.has(path.attr.toLowerCase())) {
        throw invalidPath(
          `"${path.attr}" is multi-valued: select values with a filter, e.g. ${path.attr}[type eq "work"]`,
        );
      }
      const target = ensureObject(container, parentKey);
      this.setAttribute(target, path.subAttr, value, op);
      return;
    }
    const key = findKey(container, path.attr) ?? path.attr;
    const current = container[key];
    const elements = Array.isArray(current)
      ? current
      : current === undefined || current === null
        ? []
        : [current];
    const matches = elements.filter(
      (element): element is JsonObject =>
        isJsonObject(element) && matchesFilter(path.filter as FilterNode, element),
    );
    if (matches.length === 0) {
      const seed = equalityTerms(path.filter);
      if (seed === undefined) throw noTarget(`No value of "${path.attr}" matches the filter`);
      const created: JsonObject = { ...seed };
      if (path.subAttr === undefined) {
        if (!isJsonObject(value)) throw invalidValue(`The value for "${path.attr}[…]" must be an object`);
        Object.assign(created, this.coerce(path.attr, value));
      } else {
        created[path.subAttr] = this.coerce(path.subAttr, value);
      }
      container[key] = [...elements, created];
      this.keepOnePrimary(container[key] as JsonValue[], created);
      return;
    }
    for (const match of matches) {
      if (path.subAttr !== undefined) {
        this.setAttribute(match, path.subAttr, value, op);
      } else {
        if (!isJsonObject(value)) throw invalidValue(`The value for "${path.attr}[…]" must be an object`);
        if (op === 'replace') for (const name of Object.keys(match)) delete match[name];
        Object.assign(match, this.coerce(path.attr, value));
      }
    }
    const last = matches[matches.length - 1];
    if (Array.isArray(container[key]) && last !== undefined) this.keepOnePrimary(container[key], last);
  }

  /** add/replace of one attribute by name, in the object that holds it. */
  private setAttribute(
    target: JsonObject,
    name: string,
    rawValue: JsonValue,
    op: 'add' | 'replace' | 'remove',
  ): void {
    const key = findKey(target, name) ?? name;
    const value = this.coerce(name, rawValue);
    if (this.schema.multiValued.has(name.toLowerCase())) {
      const incoming = toElements(name, value, op === 'add');
      if (op === 'replace' || !Array.isArray(target[key])) {
        target[key] = dedupe(incoming);
      } else {
        const existing = target[key];
        const index = new ElementIndex(existing);
        for (const element of incoming) {
          const position = index.indexOf(element);
          if (position === -1) index.push(element);
          else if (isJsonObject(existing[position]) && isJsonObject(element))
            Object.assign(existing[position], element);
        }
      }
      const list = target[key];
      const lastPrimary = [...incoming]
        .reverse()
        .find((element) => isJsonObject(element) && getCi(element, 'primary') === true);
      if (Array.isArray(list)) this.keepOnePrimary(list, lastPrimary);
      return;
    }
    if (value === null && op === 'replace') {
      delete target[key];
      return;
    }
    if (this.schema.objects.has(name.toLowerCase()) && value !== null && !isJsonObject(value)) {
      // `"name": "x"` would store a name without givenName/familyName: clear them, not change them.
      throw invalidValue(`"${name}" must be an object, not ${describeJson(value)}`);
    }
    const current = target[key];
    if (isJsonObject(value) && isJsonObject(current)) {
      // A complex attribute: listed sub-attributes are set, the others stay (RFC 7644 §3.5.2.1 and .3).
      for (const [sub, item] of Object.entries(value)) this.setAttribute(current, sub, item, op);
      return;
    }
    target[key] = value;
  }

  private remove(doc: JsonObject, path: PatchPath, value: JsonValue | undefined): void {
    const container = this.container(doc, path, false);
    if (container === undefined) return;
    if (path.attr === undefined) {
      const key = findKey(doc, canonicalSchemaUrn(path.uri ?? '') ?? path.uri ?? '');
      if (key !== undefined) delete doc[key];
      return;
    }
    const key = findKey(container, path.attr);
    if (key === undefined) return;
    const current = container[key];
    if (path.filter === undefined) {
      if (path.subAttr !== undefined) {
        const parents = Array.isArray(current) ? current : [current];
        for (const parent of parents) {
          if (!isJsonObject(parent)) continue;
          const subKey = findKey(parent, path.subAttr);
          if (subKey !== undefined) delete parent[subKey];
        }
        return;
      }
      if (value !== undefined && value !== null && this.schema.multiValued.has(path.attr.toLowerCase())) {
        // Entra ID: {"op":"Remove","path":"members","value":[{"value":"id"}]} removes those values only.
        const unwanted = new ElementIndex(toElements(path.attr, this.coerce(path.attr, value), false));
        if (Array.isArray(current)) {
          container[key] = current.filter((item) => !unwanted.matches(item));
        }
        return;
      }
      delete container[key];
      return;
    }
    if (!Array.isArray(current)) {
      if (isJsonObject(current) && matchesFilter(path.filter, current)) {
        if (path.subAttr === undefined) delete container[key];
        else {
          const subKey = findKey(current, path.subAttr);
          if (subKey !== undefined) delete current[subKey];
        }
      }
      return;
    }
    const filter = path.filter;
    if (path.subAttr === undefined) {
      container[key] = current.filter((item) => !(isJsonObject(item) && matchesFilter(filter, item)));
      return;
    }
    for (const item of current) {
      if (!isJsonObject(item) || !matchesFilter(filter, item)) continue;
      const subKey = findKey(item, path.subAttr);
      if (subKey !== undefined) delete item[subKey];
    }
  }

  /** Entra sends booleans as "True"/"False": turn them into booleans where the schema says boolean. */
  private coerce(name: string, value: JsonValue): JsonValue {
    if (typeof value === 'string' && this.schema.booleans.has(name.toLowerCase())) {
      const lower = value.trim().toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      throw invalidValue(`"${name}" must be a boolean, not ${JSON.stringify(value)}`);
    }
    if (Array.isArray(value)) return value.map((item) => this.coerce(name, item));
    if (isJsonObject(value)) {
      const out: JsonObject = {};
      for (const [key, item] of Object.entries(value)) out[key] = this.coerce(key, item);
      return out;
    }
    return value;
  }

  /** At most one value of a multi-valued attribute is primary (RFC 7643 §2.4); the newest wins. */
  private keepOnePrimary(list: JsonValue[], winner: JsonValue | undefined): void {
    const primaries = list.filter(
      (item): item is JsonObject => isJsonObject(item) && getCi(item, 'primary') === true,
    );
    if (primaries.length < 2) return;
    const keep = winner !== undefined && primaries.includes(winner as JsonObject) ? winner : primaries[0];
    for (const item of primaries) {
      if (item === keep) continue;
      item[findKey(item, 'primary') ?? 'primary'] = false;
    }
  }
}

function ensureObject(target: JsonObject, name: string): JsonObject {
  const key = findKey(target, name) ?? name;
  const current = target[key];
  if (isJsonObject(current)) return current;
  const created: JsonObject = {};
  target[key] = created;
  return created;
}

/**
 * Values of a multi-valued attribute: a list of objects, or one object. On `add` a bare string is
 * read as `{value: "…"}` (Microsoft's reference collection adds `"value": "string id 1"`): adding
 * an unknown id changes nothing. Elsewhere anything but objects is refused (RFC 7644 §3.5.2: the
 * value must match the attribute's type): read as an unknown id, `replace members "x"` silently
 * emptied the group, since unknown member ids are dropped.
 */
function toElements(name: string, value: JsonValue, bareStrings: boolean): JsonValue[] {
  const list = Array.isArray(value) ? value : value === null ? [] : [value];
  return list.map((item) => {
    if (isJsonObject(item)) return item;
    if (bareStrings && typeof item === 'string') return { value: item };
    throw invalidValue(
      `"${name}" takes a list of objects (e.g. [{"value": "…"}]), not ${describeJson(item)}`,
    );
  });
}

/** A short description of a JSON value for an error detail (never the value: it may be huge). */
function describeJson(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function dedupe(list: JsonValue[]): JsonValue[] {
  const out: JsonValue[] = [];
  const index = new ElementIndex(out);
  for (const item of list) if (index.indexOf(item) === -1) index.push(item);
  return out;
}

/** `type eq "work" and primary eq true` → {type: "work", primary: true}; undefined for anything else. */
function equalityTerms(filter: FilterNode): JsonObject | undefined {
  if (
    filter.kind === 'compare' &&
    filter.op === 'eq' &&
    filter.path.uri === undefined &&
    filter.path.subAttr === undefined
  ) {
    return { [filter.path.attr]: filter.value };
  }
  if (filter.kind === 'and') {
    const left = equalityTerms(filter.left);
    const right = equalityTerms(filter.right);
    return left === undefined || right === undefined ? undefined : { ...left, ...right };
  }
  return undefined;
}
