import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.ts';
import { parsePaging } from './paging.ts';
import { parseSortOrder, sortResources } from './sort-resources.ts';

describe('sortResources', () => {
  const people: JsonObject[] = [
    { id: '1', userName: 'bob', emails: [{ value: 'z@x.org' }] },
    { id: '2', userName: 'Alice', emails: [{ value: 'b@x.org' }] },
    { id: '3', userName: 'carl' },
    { id: '4', userName: 'dave', emails: [{ value: 'a@x.org' }] },
  ];
  const cases: Array<[string, string, string[]]> = [
    ['userName', 'ascending', ['2', '1', '3', '4']],
    ['USERNAME', 'descending', ['4', '3', '1', '2']],
    ['emails.value', 'ascending', ['4', '2', '1', '3']],
    ['emails', 'descending', ['1', '2', '4', '3']],
  ];
  it.each(cases)('%s %s', (sortBy, order, ids) => {
    expect(sortResources(people, sortBy, parseSortOrder(order)).map((p) => p.id)).toEqual(ids);
  });
  it('rejects an unknown sortOrder', () => expect(() => parseSortOrder('up')).toThrow());
});

describe('parsePaging', () => {
  const cases: Array<[string | undefined, string | undefined, number, number]> = [
    [undefined, undefined, 1, 100],
    ['0', '-5', 1, 0],
    ['3', '2', 3, 2],
    ['x', '5000', 1, 1000],
  ];
  it.each(cases)('startIndex=%s count=%s', (start, count, s, c) => {
    expect(parsePaging(start, count)).toEqual({ startIndex: s, count: c });
  });
});
