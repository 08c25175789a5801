import { ATTRIBUTES_BY_SCHEMA } from '../discovery/schema-definitions.ts';
import type { SchemaAttribute } from '../discovery/schema-definitions.ts';
import { invalidFilter } from '../errors.ts';
import { canonicalSchemaUrn, isCoreSchema } from '../schema-urns.ts';
import type { AttributePath, CompareNode, FilterNode } from './ast.ts';

// A comparison whose value cannot be of the attribute's type (`active eq "maybe"`,
// `meta.created gt "not-a-date"`) matches nothing, whatever the data: answering 200 with an empty
// list hides the client's mistake (and in SQL `"maybe"` even read as false). RFC 7644 §3.4.2.2 and
// Table 9 answer 400 invalidFilter for a comparison the attribute does not support. Checked on the
// parsed filter, before any data is read, so SQL and in-memory evaluation refuse the same filters.

type LiteralType = SchemaAttribute['type'];

const CORE = 'core';

/** `core|emails.primary` → boolean; `<urn>|manager.value` → string. Names lower-case. */
const TYPES: ReadonlyMap<string, LiteralType> = buildTypes();

function buildTypes(): Map<string, LiteralType> {
  const types = new Map<string, LiteralType>([
    // Common attributes (RFC 7643 §3.1) are not part of any schema's attribute list.
    [`${CORE}|id`, 'string'],
    [`${CORE}|externalid`, 'string'],
    [`${CORE}|meta.created`, 'dateTime'],
    [`${CORE}|meta.lastmodified`, 'dateTime'],
    [`${CORE}|meta.resourcetype`, 'string'],
    [`${CORE}|meta.version`, 'string'],
    [`${CORE}|meta.location`, 'reference'],
  ]);
  for (const [urn, attributes] of ATTRIBUTES_BY_SCHEMA) {
    const scope = isCoreSchema(urn) ? CORE : urn.toLowerCase();
    for (const attribute of attributes) {
      const name = attribute.name.toLowerCase();
      types.set(`${scope}|${name}`, attribute.type);
      const subAttributes = (attribute.subAttributes ?? []) as unknown as readonly SchemaAttribute[];
      for (const sub of subAttributes) types.set(`${scope}|${name}.${sub.name.toLowerCase()}`, sub.type);
    }
  }
  return types;
}

/** The type of the attribute a path names, relative to a value path's attribute if any. */
function typeOf(path: AttributePath, parent: AttributePath | undefined): LiteralType | undefined {
  const base = parent ?? path;
  let scope = CORE;
  if (base.uri !== undefined && !isCoreSchema(base.uri)) {
    scope = (canonicalSchemaUrn(base.uri) ?? base.uri).toLowerCase();
  }
  if (parent !== undefined && (path.uri !== undefined || path.subAttr !== undefined)) return undefined;
  const dotted =
    parent !== undefined
      ? `${parent.attr}.${path.attr}`
      : path.subAttr === undefined
        ? path.attr
        : `${path.attr}.${path.subAttr}`;
  return TYPES.get(`${scope}|${dotted.toLowerCase()}`);
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Whether a filter literal is an xsd:dateTime (RFC 7643 §2.3.5) JavaScript can read. */
export function isDateTimeLiteral(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE_TIME.test(value.trim()) && !Number.isNaN(Date.parse(value));
}

/** `true`/`false`, or Entra's quoted `"True"`/`"False"`; undefined for anything else. */
export function booleanLiteral(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const lower = value.trim().toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

function checkComparison(node: CompareNode, parent: AttributePath | undefined): void {
  const type = typeOf(node.path, parent);
  const value = node.value;
  if (type === undefined || value === null) return;
  const name = parent === undefined ? pathText(node.path) : `${pathText(parent)}[${pathText(node.path)}]`;
  switch (type) {
    case 'boolean':
      if (booleanLiteral(value) === undefined)
        throw invalidFilter(`"${name}" is a boolean: compare it with true or false, not ${describe(value)}`);
      if (node.op !== 'eq' && node.op !== 'ne')
        throw invalidFilter(`Operator "${node.op}" cannot compare a boolean ("${name}")`);
      return;
    case 'dateTime':
      if (node.op === 'co' || node.op === 'sw' || node.op === 'ew') {
        if (typeof value !== 'string')
          throw invalidFilter(
            `"${name}" is a date-time: "${node.op}" needs a string, not ${describe(value)}`,
          );
        return;
      }
      if (!isDateTimeLiteral(value))
        throw invalidFilter(
          `"${name}" is a date-time: compare it with one such as "2026-01-31T12:00:00Z", not ${describe(value)}`,
        );
      return;
    case 'integer':
    case 'decimal':
      if (typeof value !== 'number')
        throw invalidFilter(`"${name}" is a number: compare it with a number, not ${describe(value)}`);
      return;
    case 'string':
    case 'reference':
      // Numbers are compared as their text (an extension `1234`); a boolean never equals a string.
      if (typeof value === 'boolean')
        throw invalidFilter(`"${name}" is a string: compare it with a quoted value, not ${describe(value)}`);
      return;
    default:
      return;
  }
}

function pathText(path: AttributePath): string {
  return path.subAttr === undefined ? path.attr : `${path.attr}.${path.subAttr}`;
}

function describe(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}…` : JSON.stringify(value);
}

/** Throws invalidFilter for a comparison whose value cannot be of the attribute's type. */
export function assertLiteralTypes(node: FilterNode, parent?: AttributePath): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      assertLiteralTypes(node.left, parent);
      assertLiteralTypes(node.right, parent);
      return;
    case 'not':
      assertLiteralTypes(node.expr, parent);
      return;
    case 'valuePath':
      if (parent === undefined) assertLiteralTypes(node.filter, node.path);
      return;
    case 'compare':
      checkComparison(node, parent);
      return;
    case 'present':
      return;
  }
}
