import type { TFunction } from 'i18next';
import type { ClaimedAccount } from '../api/claims.ts';
import { claimResultLines } from './claim-result-lines.ts';
import { isNotClaimed } from './claim-results-view.ts';

/** The file name of the accounts not claimed, offered under the claim results. */
export const notClaimedCsvName = 'accounts-not-claimed.csv';

// The server's export guard, written again here (web never imports server code): neutralizeCell in
// src/domain/csv/parse-cell.ts. A cell whose first character after any `'`s and leading
// whitespace or control characters (tab, CR, …) is `=`, `+`, `-` or `@` is one a spreadsheet
// would run as a formula: it gets a leading `'`. Keep the two the same.
const NEEDS_NEUTRALIZING = /^'*[\p{Cc}\s]*[=+\-@]/u;
// RFC 4180 quotes a field holding the delimiter, a quote or a line break; `;` too, as the users
// import reads `;` files and Dutch spreadsheets write them.
const NEEDS_QUOTES = /[",;\r\n]/;

/** One free-text cell: neutralized against formula injection, then quoted as RFC 4180 says. */
export function csvCell(value: string): string {
  const neutralized = NEEDS_NEUTRALIZING.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(neutralized) ? `"${neutralized.replaceAll('"', '""')}"` : neutralized;
}

/**
 * The accounts a claim did not claim as CSV text, for the admin to fix and upload again as is: the
 * claim page's email column header and a reason column, both in the language now shown, the reason
 * worded as the results word it (several joined by `; `), lines ended by CRLF as spreadsheets
 * write them. The claim reads only the email column and ignores the reason column.
 */
export function notClaimedCsv(
  accounts: readonly ClaimedAccount[],
  claimedPackage: string | null,
  t: TFunction,
): string {
  const header = [t('claims.csvEmailHeader'), t('claims.notClaimedCsvReason')];
  // Not claimed as the results' filter and counts have it.
  const rows = accounts
    .filter(isNotClaimed)
    .map((account) => [account.email ?? '', claimResultLines(account, claimedPackage, t).join('; ')]);
  return [header, ...rows].map((cells) => `${cells.map(csvCell).join(',')}\r\n`).join('');
}
