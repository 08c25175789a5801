// The claim results of a big CSV file are read a page at a time, and can be narrowed to the
// accounts that need the admin: those not claimed, or claimed with a warning.
import { describe, expect, it } from 'vitest';
import type { ClaimedAccount } from '../api/claims.ts';
import { accountsShown, claimResultsPage, warnedCount } from './claim-results-view.ts';

const warning = { code: 'preferred_site_missing', description: 'No site.' };
const accounts: ClaimedAccount[] = [
  { email: 'a@acme.nl', result: 'claimed', warnings: [] },
  { email: 'b@acme.nl', result: 'failed', errors: [{ code: 'x', description: 'Gone.' }] },
  { email: 'c@acme.nl', result: 'claimed', warnings: [warning] },
  // A refusal with a warning is a refusal: it is counted and shown once, as not claimed.
  {
    email: 'd@acme.nl',
    result: 'failed',
    errors: [{ code: 'x', description: 'Gone.' }],
    warnings: [warning],
  },
  { email: 'e@acme.nl', result: 'claimed' },
];

describe('claim results: which accounts the filter shows', () => {
  it.each([
    ['all', ['a@acme.nl', 'b@acme.nl', 'c@acme.nl', 'd@acme.nl', 'e@acme.nl'], [1, 2, 3, 4, 5]],
    ['notClaimed', ['b@acme.nl', 'd@acme.nl'], [2, 4]],
    ['warned', ['c@acme.nl'], [3]],
  ] as const)('%s shows %j, each with its place in the whole result', (filter, emails, numbers) => {
    const shown = accountsShown(accounts, filter);
    expect(shown.map((entry) => entry.account.email)).toEqual(emails);
    expect(shown.map((entry) => entry.number)).toEqual(numbers);
  });

  it('counts the claimed accounts with a warning', () => {
    expect(warnedCount(accounts)).toBe(1);
    expect(warnedCount([])).toBe(0);
  });
});

describe('claim results: one page of the accounts shown', () => {
  const numbers = (count: number) => Array.from({ length: count }, (_, index) => index + 1);
  it.each([
    // [accounts shown, page asked, page size] → page, pages, from, to
    [0, 1, 100, { page: 1, pageCount: 1, from: 0, to: 0 }],
    [3, 1, 100, { page: 1, pageCount: 1, from: 1, to: 3 }],
    [100, 1, 100, { page: 1, pageCount: 1, from: 1, to: 100 }],
    [101, 2, 100, { page: 2, pageCount: 2, from: 101, to: 101 }],
    [1000, 10, 100, { page: 10, pageCount: 10, from: 901, to: 1000 }],
    // A page past the end (the filter narrowed the rows) is the last page; before the first, the first.
    [250, 7, 100, { page: 3, pageCount: 3, from: 201, to: 250 }],
    [250, 0, 100, { page: 1, pageCount: 3, from: 1, to: 100 }],
  ])('%i accounts, page %i of size %i', (count, asked, size, expected) => {
    const page = claimResultsPage(numbers(count), asked, size);
    expect({ page: page.page, pageCount: page.pageCount, from: page.from, to: page.to }).toEqual(expected);
    expect(page.rows).toEqual(numbers(count).slice(expected.from - 1, expected.to));
    expect(page.total).toBe(count);
  });
});
