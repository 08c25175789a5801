import { describe, expect, it } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import { rowRange, rowsMatching, shownRowsLabel } from './import-row-range.ts';

describe('rowsMatching', () => {
  const counts = { add: 300, modify: 4, remove: 2, unchanged: 10, error: 1, warning: 7 };
  it.each([
    ['all', 317],
    ['error', 1],
  ] as const)('counts the %s rows without counting warnings twice', (filter, expected) => {
    expect(rowsMatching(counts, filter)).toBe(expected);
  });
  it('is 0 before the counts are known', () => {
    expect(rowsMatching(undefined, 'all')).toBe(0);
  });
});

describe('rowRange', () => {
  it.each([
    [1, 100, 100, 301, { from: 1, to: 100, total: 301 }],
    [2, 100, 100, 301, { from: 101, to: 200, total: 301 }],
    [4, 100, 1, 301, { from: 301, to: 301, total: 301 }],
    [1, 100, 5, 3, { from: 1, to: 5, total: 5 }],
  ])('page %i of %i rows showing %i of %i', (page, size, shown, total, expected) => {
    expect(rowRange(page, size, shown, total)).toEqual(expected);
  });
  it('is null for an empty page', () => {
    expect(rowRange(1, 100, 0, 0)).toBeNull();
  });
});

describe('shownRowsLabel', () => {
  // The Row column shows spreadsheet rows (header = row 1): the label never says "rows 1–5" for them.
  it.each([
    [{ from: 1, to: 5, total: 5, first: 2, last: 6 }, 'imports.rowCount', { count: 5 }],
    [{ from: 1, to: 1, total: 1, first: 9, last: 9 }, 'imports.rowCount', { count: 1 }],
    [
      { from: 101, to: 200, total: 301, first: 102, last: 201 },
      'imports.rowsOfFile',
      { from: 101, to: 200, total: 301, first: '102', last: '201', count: 100 },
    ],
    [
      { from: 301, to: 301, total: 301, first: 302, last: 302 },
      'imports.rowOfFile',
      { from: 301, to: 301, total: 301, first: '302', last: '302', count: 1 },
    ],
  ])('%j', (shown, key, values) => {
    expect(shownRowsLabel(shown)).toEqual({ key, values });
  });
});

describe('the label of a page of a big file', () => {
  // The rows of the file are the rows a spreadsheet shows, looked up there by their number: written
  // as the spreadsheet, the server's messages ("Row 12346, …") and the error report's Line column
  // write them. The places among the rows are counts, written the language's way.
  const shown = { from: 12301, to: 12350, total: 100000, first: 12302, last: 12351 };
  it.each([
    ['en', 'Rows 12302–12351 of the file (12,301–12,350 of 100,000)'],
    ['nl', 'Rijen 12302–12351 van het bestand (12.301–12.350 van 100.000)'],
  ])('%s: %s', (language, expected) => {
    const label = shownRowsLabel(shown);
    expect(i18n.getFixedT(language)(label.key, label.values)).toBe(expected);
  });
  it.each([
    ['en', 'Row 100001 of the file (100,000 of 100,000)'],
    ['nl', 'Rij 100001 van het bestand (100.000 van 100.000)'],
  ])('one row, %s: %s', (language, expected) => {
    const label = shownRowsLabel({ from: 100000, to: 100000, total: 100000, first: 100001, last: 100001 });
    expect(i18n.getFixedT(language)(label.key, label.values)).toBe(expected);
  });
});
