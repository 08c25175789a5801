/** The file name of the claims CSV template the page offers. */
export const claimCsvTemplateName = 'claim-users.csv';

/**
 * The claims CSV template as a `data:` link: the email column's header alone, in the language the
 * admin reads (the server takes the English and the Dutch header, and a plain `email`), ended by
 * CRLF as spreadsheets write CSV. Made in the page, not fetched: it holds nothing but the header.
 */
export function claimCsvTemplateHref(emailHeader: string): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`${emailHeader}\r\n`)}`;
}
