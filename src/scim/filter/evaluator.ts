import { invalidFilter } from '../errors.ts';
import { findKey, getCi, isJsonObject } from '../json.ts';
import type { JsonObject, JsonValue } from '../json.ts';
import { canonicalSchemaUrn, isCoreSchema } from '../schema-urns.ts';
import type { AttributePath, CompareNode, FilterLiteral, FilterNode } from './ast.ts';

// Pure evaluation of a filter against one SCIM resource (RFC 7644 §3.4.2.2):
// - attribute names are case-insensitive; string comparison is too, unless the attribute is caseExact
//   (RFC 7643: id, externalId, meta.version, meta.location, $ref; userName and emails are not);
// - a multi-valued attribute matches when any of its values matches; a complex multi-valued attribute
//   without a sub-attribute compares its `value` sub-attribute;
// - DateTime strings compare chronologically; booleans only with eq/ne.

export interface EvaluateOptions {
  /** Whether the attribute (lower-case dotted path, e.g. `emails.value`) compares strings case-exactly. */
  readonly isCaseExact?: (dottedPath: string) => boolean;
}

const DEFAULT_CASE_EXACT = new Set(['id', 'externalid', 'meta.version', 'meta.location']);

export function defaultIsCaseExact(dottedPath: string): boolean {
  return DEFAULT_CASE_EXACT.has(dottedPath) || dottedPath.endsWith('.$ref') || dottedPath === '$ref';
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

export function matchesFilter(
  filter: FilterNode,
  resource: JsonObject,
  options: EvaluateOptions = {},
): boolean {
  return evaluate(filter, resource, options.isCaseExact ?? defaultIsCaseExact, '');
}

function evaluate(
  node: FilterNode,
  resource: JsonObject,
  isCaseExact: (p: string) => boolean,
  prefix: string,
): boolean {
  switch (node.kind) {
    case 'and':
      return (
        evaluate(node.left, resource, isCaseExact, prefix) &&
        evaluate(node.right, resource, isCaseExact, prefix)
      );
    case 'or':
      return (
        evaluate(node.left, resource, isCaseExact, prefix) ||
        evaluate(node.right, resource, isCaseExact, prefix)
      );
    case 'not':
      return !evaluate(node.expr, resource, isCaseExact, prefix);
    case 'present':
      return collectValues(resource, node.path).some(isPresent);
    case 'valuePath': {
      const container = resolveContainer(resource, node.path);
      const raw = container === undefined ? undefined : getCi(container, node.path.attr);
      const elements = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
      const innerPrefix = `${prefix}${node.path.attr.toLowerCase()}.`;
      return elements.some(
        (element) => isJsonObject(element) && evaluate(node.filter, element, isCaseExact, innerPrefix),
      );
    }
    case 'compare': {
      const dotted = prefix + dottedName(node.path);
      const caseExact = isCaseExact(dotted);
      const values = collectValues(resource, node.path);
      if (node.op === 'ne') return !values.some((value) => compare({ ...node, op: 'eq' }, value, caseExact));
      if (node.value === null && node.op === 'eq') return !values.some(isPresent);
      return values.some((value) => compare(node, value, caseExact));
    }
  }
}

function dottedName(path: AttributePath): string {
  return path.subAttr === undefined ? path.attr.toLowerCase() : `${path.attr}.${path.subAttr}`.toLowerCase();
}

/** Where the path's attribute lives: the resource itself for core schemas, the extension object otherwise. */
function resolveContainer(resource: JsonObject, path: AttributePath): JsonObject | undefined {
  if (path.uri === undefined) return resource;
  const urn = canonicalSchemaUrn(path.uri) ?? path.uri;
  const extensionKey = findKey(resource, urn);
  if (extensionKey !== undefined) {
    const extension = resource[extensionKey];
    return isJsonObject(extension) ? extension : undefined;
  }
  return isCoreSchema(urn) ? resource : undefined;
}

/** Every leaf value the path reaches, multi-valued attributes flattened. */
export function collectValues(resource: JsonObject, path: AttributePath): JsonValue[] {
  const container = resolveContainer(resource, path);
  if (container === undefined) return [];
  const top = getCi(container, path.attr);
  if (top === undefined) return [];
  const items = Array.isArray(top) ? top : [top];
  const out: JsonValue[] = [];
  for (const item of items) {
    if (path.subAttr !== undefined) {
      if (!isJsonObject(item)) continue;
      const sub = getCi(item, path.subAttr);
      if (sub === undefined) continue;
      if (Array.isArray(sub)) out.push(...sub);
      else out.push(sub);
    } else if (isJsonObject(item) && Array.isArray(top)) {
      const primaryValue = getCi(item, 'value');
      if (primaryValue !== undefined) out.push(primaryValue);
    } else {
      out.push(item);
    }
  }
  return out;
}

function isPresent(value: JsonValue): boolean {
  if (value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isJsonObject(value)) return Object.keys(value).length > 0;
  return true;
}

function compare(node: CompareNode, actual: JsonValue, caseExact: boolean): boolean {
  const expected: FilterLiteral = node.value;
  if (actual === null || Array.isArray(actual) || isJsonObject(actual)) return false;
  if (typeof expected === 'boolean') {
    if (node.op !== 'eq') throw invalidFilter(`Operator "${node.op}" cannot compare a boolean`);
    const asBoolean = typeof actual === 'string' ? parseBooleanString(actual) : actual;
    return asBoolean === expected;
  }
  if (expected === null) {
    throw invalidFilter(`Operator "${node.op}" cannot compare null`);
  }
  if (typeof expected === 'number' && typeof actual === 'number' && isOrderingOrEquality(node.op)) {
    return ordered(node.op, actual - expected);
  }
  if (typeof actual === 'boolean') {
    if (typeof expected === 'string' && node.op === 'eq') return parseBooleanString(expected) === actual;
    return false;
  }
  const actualText = String(actual);
  const expectedText = String(expected);
  if (
    typeof actual === 'string' &&
    isOrderingOrEquality(node.op) &&
    ISO_DATE_TIME.test(actualText) &&
    ISO_DATE_TIME.test(expectedText)
  ) {
    const a = Date.parse(actualText);
    const b = Date.parse(expectedText);
    if (!Number.isNaN(a) && !Number.isNaN(b)) return ordered(node.op, a - b);
  }
  const a = caseExact ? actualText : actualText.toLowerCase();
  const b = caseExact ? expectedText : expectedText.toLowerCase();
  switch (node.op) {
    case 'co':
      return a.includes(b);
    case 'sw':
      return a.startsWith(b);
    case 'ew':
      return a.endsWith(b);
    default:
      return ordered(node.op, a < b ? -1 : a > b ? 1 : 0);
  }
}

function isOrderingOrEquality(op: CompareNode['op']): boolean {
  return op === 'eq' || op === 'gt' || op === 'ge' || op === 'lt' || op === 'le';
}

function ordered(op: CompareNode['op'], difference: number): boolean {
  switch (op) {
    case 'eq':
      return difference === 0;
    case 'ne':
      return difference !== 0;
    case 'gt':
      return difference > 0;
    case 'ge':
      return difference >= 0;
    case 'lt':
      return difference < 0;
    case 'le':
      return difference <= 0;
    default:
      return false;
  }
}

function parseBooleanString(text: string): boolean | undefined {
  const lower = text.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return undefined;
}
