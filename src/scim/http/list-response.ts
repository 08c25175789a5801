import type { JsonObject } from '../json.ts';
import { LIST_RESPONSE_SCHEMA } from '../schema-urns.ts';
import { parseFilter } from '../filter/parser.ts';
import { parsePatchPath } from '../filter/path-parser.ts';
import type { FilterNode } from '../filter/ast.ts';
import { parsePaging } from '../resources/paging.ts';
import type { ScimPaging } from '../resources/paging.ts';
import { splitAttributeList } from '../resources/project-attributes.ts';
import type { Projection } from '../resources/project-attributes.ts';
import { parseSortOrder } from '../resources/sort-resources.ts';
import type { SortOrder } from '../resources/sort-resources.ts';
import { invalidValue } from '../errors.ts';

// Query parameters of a list (GET …?filter=… or POST …/.search with the same names in the body).

export interface ListQuery {
  readonly filter?: FilterNode;
  readonly paging: ScimPaging;
  readonly sortBy?: string;
  readonly sortOrder: SortOrder;
  readonly projection: Projection;
}

export type RawListQuery = Readonly<Record<string, unknown>>;

function asText(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map((item) => String(item)).join(',');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  throw invalidValue(`"${name}" must be a string`);
}

/** Parameter names are case-insensitive in practice (`startIndex`, `StartIndex`). */
function pick(raw: RawListQuery, name: string): unknown {
  const lower = name.toLowerCase();
  const key = Object.keys(raw).find((candidate) => candidate.toLowerCase() === lower);
  return key === undefined ? undefined : raw[key];
}

export function parseListQuery(raw: RawListQuery): ListQuery {
  const filterText = asText(pick(raw, 'filter'), 'filter');
  const sortBy = asText(pick(raw, 'sortBy'), 'sortBy');
  return {
    ...(filterText !== undefined && filterText.trim() !== '' ? { filter: parseFilter(filterText) } : {}),
    paging: parsePaging(asText(pick(raw, 'startIndex'), 'startIndex'), asText(pick(raw, 'count'), 'count')),
    ...(sortBy !== undefined && sortBy.trim() !== '' ? { sortBy: sortBy.trim() } : {}),
    sortOrder: parseSortOrder(asText(pick(raw, 'sortOrder'), 'sortOrder')),
    // After the filter: a request with a malformed filter and a malformed name hears of the filter.
    projection: parseProjection(raw),
  };
}

/**
 * `attributes` / `excludedAttributes` (RFC 7644 §3.9), each name read here, before any resource is
 * read or written: a name that is not in attribute notation (`__proto__`) is 400 invalidPath
 * whether there is a resource to project or not. Read only while projecting, a list of no
 * resources answered 200 where one of some answered 400, and a POST created its user first.
 */
export function parseProjection(raw: RawListQuery): Projection {
  const attributes = attributeNames(raw, 'attributes');
  const excludedAttributes = attributeNames(raw, 'excludedAttributes');
  return {
    ...(attributes !== undefined ? { attributes } : {}),
    ...(excludedAttributes !== undefined ? { excludedAttributes } : {}),
  };
}

function attributeNames(raw: RawListQuery, name: string): string[] | undefined {
  const names = splitAttributeList(asText(pick(raw, name), name));
  for (const text of names ?? []) parsePatchPath(text);
  return names;
}

export function listResponse(resources: JsonObject[], total: number, startIndex: number): JsonObject {
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults: total,
    itemsPerPage: resources.length,
    startIndex,
    Resources: resources,
  };
}
