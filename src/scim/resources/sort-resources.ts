import { collectValues } from '../filter/evaluator.ts';
import { parseAttributePath } from '../filter/attribute-path.ts';
import type { JsonObject, JsonValue } from '../json.ts';
import { invalidValue } from '../errors.ts';

// sortBy / sortOrder (RFC 7644 §3.4.2.3): strings compare case-insensitively; a multi-valued attribute
// sorts by its primary value (else its first); resources without a value sort last either way.

export type SortOrder = 'ascending' | 'descending';

export function parseSortOrder(text: string | undefined): SortOrder {
  if (text === undefined || text === '') return 'ascending';
  const lower = text.toLowerCase();
  if (lower === 'ascending' || lower === 'descending') return lower;
  throw invalidValue(`sortOrder must be "ascending" or "descending", not "${text}"`);
}

export function sortResources(
  resources: readonly JsonObject[],
  sortBy: string,
  order: SortOrder,
): JsonObject[] {
  const path = parseAttributePath(sortBy, invalidValue);
  const keyed = resources.map((resource) => ({ resource, key: sortKey(collectValues(resource, path)) }));
  keyed.sort((a, b) => {
    if (a.key === undefined || b.key === undefined) {
      if (a.key === b.key) return 0;
      return a.key === undefined ? 1 : -1;
    }
    const result = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    return order === 'ascending' ? result : -result;
  });
  return keyed.map((entry) => entry.resource);
}

function sortKey(values: JsonValue[]): string | number | undefined {
  const first = values.find((value) => value !== null && value !== '');
  if (first === undefined) return undefined;
  if (typeof first === 'number') return first;
  if (typeof first === 'string') return first.toLowerCase();
  if (typeof first === 'boolean') return first ? 1 : 0;
  return JSON.stringify(first).toLowerCase();
}
