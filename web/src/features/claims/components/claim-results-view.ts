import type { ClaimedAccount } from '../api/claims.ts';

/** Which accounts the results show: all, those not claimed, or those claimed with a warning. */
export type ClaimResultsFilter = 'all' | 'notClaimed' | 'warned';

/**
 * Rows on one page of the results. A claim from a CSV file may answer for thousands of accounts;
 * a page of 100 keeps the page light and the rows readable, and a claim of selected accounts
 * (at most `maxClaimsAtOnce`, 250) pages the same way.
 */
export const claimResultsPageSize = 100;

/** An account of the result with its place in the whole result (1-based), kept while filtered. */
export interface NumberedAccount {
  readonly account: ClaimedAccount;
  readonly number: number;
}

export function isNotClaimed(account: ClaimedAccount): boolean {
  return account.result === 'failed';
}

/** Claimed, with a warning; a refusal's warnings do not make it one (it is counted as not claimed). */
function isWarned(account: ClaimedAccount): boolean {
  return !isNotClaimed(account) && (account.warnings ?? []).length > 0;
}

export function warnedCount(accounts: readonly ClaimedAccount[]): number {
  return accounts.filter(isWarned).length;
}

export function notClaimedCount(accounts: readonly ClaimedAccount[]): number {
  return accounts.filter(isNotClaimed).length;
}

const matches: Record<ClaimResultsFilter, (account: ClaimedAccount) => boolean> = {
  all: () => true,
  notClaimed: isNotClaimed,
  warned: isWarned,
};

/** The accounts the filter shows, in the order of the result, each with its place in it. */
export function accountsShown(
  accounts: readonly ClaimedAccount[],
  filter: ClaimResultsFilter,
): NumberedAccount[] {
  return accounts
    .map((account, index) => ({ account, number: index + 1 }))
    .filter((entry) => matches[filter](entry.account));
}

export interface ResultsPage<Row> {
  readonly rows: readonly Row[];
  /** The page shown (1-based): the one asked for, kept within the pages there are. */
  readonly page: number;
  readonly pageCount: number;
  /** The place (1-based) of the first and last row shown among all rows; 0 and 0 when none. */
  readonly from: number;
  readonly to: number;
  readonly total: number;
}

/**
 * Page `page` of `rows`. A page past the end is the last page (a filter left fewer rows than the
 * page was at), so the admin never sees an empty page of a list that has rows.
 */
export function claimResultsPage<Row>(
  rows: readonly Row[],
  page: number,
  pageSize: number = claimResultsPageSize,
): ResultsPage<Row> {
  const pageCount = Math.max(1, Math.ceil(rows.length / pageSize));
  const shownPage = Math.min(Math.max(1, Math.floor(page)), pageCount);
  const start = (shownPage - 1) * pageSize;
  const pageRows = rows.slice(start, start + pageSize);
  return {
    rows: pageRows,
    page: shownPage,
    pageCount,
    from: pageRows.length > 0 ? start + 1 : 0,
    to: start + pageRows.length,
    total: rows.length,
  };
}
