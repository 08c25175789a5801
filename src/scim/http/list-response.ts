import type { JsonObject } from '../json.ts';
import { LIST_RESPONSE_SCHEMA } from '../schema-urns.ts';
import { parseFilter } from '../filter/parser.ts';
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
  const attributes = splitAttributeList(asText(pick(raw, 'attributes'), 'attributes'));
  const excludedAttributes = splitAttributeList(
    asText(pick(raw, 'excludedAttributes'), 'excludedAttributes'),
  );
  return {
    ...(filterText !== undefined && filterText.trim() !== '' ? { filter: parseFilter(filterText) } : {}),
    paging: parsePaging(asText(pick(raw, 'startIndex'), 'startIndex'), asText(pick(raw, 'count'), 'count')),
    ...(sortBy !== undefined && sortBy.trim() !== '' ? { sortBy: sortBy.trim() } : {}),
    sortOrder: parseSortOrder(asText(pick(raw, 'sortOrder'), 'sortOrder')),
    projection: {
      ...(attributes !== undefined ? { attributes } : {}),
      ...(excludedAttributes !== undefined ? { excludedAttributes } : {}),
    },
  };
}

export function parseProjection(raw: RawListQuery): Projection {
  const attributes = splitAttributeList(asText(pick(raw, 'attributes'), 'attributes'));
  const excludedAttributes = splitAttributeList(
    asText(pick(raw, 'excludedAttributes'), 'excludedAttributes'),
  );
  return {
    ...(attributes !== undefined ? { attributes } : {}),
    ...(excludedAttributes !== undefined ? { excludedAttributes } : {}),
  };
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
