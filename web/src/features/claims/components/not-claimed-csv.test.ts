// The accounts a claim did not claim, as a CSV file the admin fixes and uploads again: the claim
// page's email column (in the admin's language) and why each was not claimed, quoted as RFC 4180
// says and with no cell a spreadsheet would run as a formula.
import { describe, expect, it } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import type { ClaimedAccount } from '../api/claims.ts';
import { csvCell, notClaimedCsv } from './not-claimed-csv.ts';

const refused = (email: string, description: string, field?: string): ClaimedAccount => ({
  email,
  result: 'failed',
  errors: [{ code: 'not_claimable', description, ...(field ? { field } : {}) }],
});

const accounts: ClaimedAccount[] = [
  { email: 'a@acme.nl', result: 'claimed', warnings: [] },
  refused('b@acme.nl', 'Not a free account.'),
  { email: 'c@acme.nl', result: 'claimed', warnings: [{ code: 'x', description: 'Check.' }] },
  refused('d@acme.nl', 'Gone.', 'email'),
];

describe('notClaimedCsv', () => {
  it('holds only the accounts not claimed, each with its reason as the results show it', async () => {
    const t = i18n.getFixedT('en');
    expect(notClaimedCsv(accounts, null, t)).toBe(
      'User ID/Email (Required),Reason\r\n' +
        'b@acme.nl,Not claimed: Not a free account.\r\n' +
        'd@acme.nl,"Not claimed, User ID/Email: Gone."\r\n',
    );
  });

  it('has Dutch headers and reasons when the admin reads Dutch', async () => {
    await i18n.loadLanguages('nl');
    const t = i18n.getFixedT('nl');
    expect(notClaimedCsv([refused('b@acme.nl', 'Weg.')], null, t)).toBe(
      'Gebruikers-ID/e-mail (verplicht),Reden\r\nb@acme.nl,Niet geclaimd: Weg.\r\n',
    );
  });

  it('puts every reason of an account in its one reason cell', () => {
    const t = i18n.getFixedT('en');
    const account: ClaimedAccount = {
      email: 'e@acme.nl',
      result: 'failed',
      errors: [
        { code: 'x', description: 'First.' },
        { code: 'y', description: 'Second.' },
      ],
    };
    expect(notClaimedCsv([account], null, t).split('\r\n')[1]).toBe(
      'e@acme.nl,"Not claimed: First.; Not claimed: Second."',
    );
  });

  it('quotes a reason with a comma or a quote, doubling the quote', () => {
    const t = i18n.getFixedT('en');
    expect(notClaimedCsv([refused('f@acme.nl', 'Held by "Acme, Inc".')], null, t).split('\r\n')[1]).toBe(
      'f@acme.nl,"Not claimed: Held by ""Acme, Inc""."',
    );
  });
});

describe('csvCell', () => {
  it.each([
    ['plain text', 'plain text'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['a;b', '"a;b"'],
    // Formula characters get a leading ' (src/domain/csv/parse-cell.ts, neutralizeCell).
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+31 20', "'+31 20"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    [' @x', "' @x"],
    ["'=x", "''=x"],
    ["it's", "it's"],
    ['a=b', 'a=b'],
  ])('writes %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});
