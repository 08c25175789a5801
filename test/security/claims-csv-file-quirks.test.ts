// Claiming free accounts from a CSV file (POST …/claims/csv, SPEC §5) reads the file as the users
// import reads it (SPEC §6 "Files": UTF-8 with or without BOM or Windows-1252 as older Excel saves
// it, `,` or `;`, CRLF or LF, quoted fields with line breaks), through the import's reader. Each
// file below is one the users import takes (202); the claims CSV claims the people it lists. Its
// own small parser read a Windows-1252 file as UTF-8 (rené@ became ren\uFFFD@), glued two rows a
// stray CR separates, refused a quote inside an unquoted cell and a header with a no-break space,
// and read a binary file as text. A file the reader refuses is refused with the import's code and
// words.
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertCustomerDomain, markDomainChecked } from '../../src/db/repositories/customer-domains.ts';
import { insertFreeAccount } from '../../src/db/repositories/free-accounts.ts';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';

const DOMAIN = 'quirks.example';

interface ClaimAnswer {
  readonly counts: { claimed: number; failed: number };
  readonly results: readonly { email: string; result: string; errors: readonly { code: string }[] }[];
}

interface ErrorBody {
  readonly message: string;
  readonly errors: readonly { code: string; field?: string; description: string }[];
}

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const windows1252 = (text: string): Buffer => iconv.encode(text, 'windows-1252');

/** Files the users import takes, and the free accounts each should claim (in file order). */
const QUIRKS: readonly (readonly [string, Buffer, readonly string[]])[] = [
  [
    'Windows-1252 as older Excel saves it, with é and ë',
    windows1252(
      'User ID/Email (Required);Voornaam;Functie\r\nrené@quirks.example;René;Café’s chef\r\nzoë@quirks.example;Zoë;€\r\n',
    ),
    ['rené@quirks.example', 'zoë@quirks.example'],
  ],
  [
    'UTF-8 with a BOM',
    utf8('\uFEFFUser ID/Email (Required),First Name\nbom@quirks.example,Bo\n'),
    ['bom@quirks.example'],
  ],
  [
    'UTF-8 with é',
    utf8('User ID/Email (Required),First Name\nnoël@quirks.example,Noël\n'),
    ['noël@quirks.example'],
  ],
  [
    'a `;` delimiter',
    utf8('First Name;User ID/Email (Required)\nSemi, Colon;semi@quirks.example\n'),
    ['semi@quirks.example'],
  ],
  [
    'CRLF line ends',
    utf8('User ID/Email (Required),First Name\r\ncrlf@quirks.example,Cr\r\nlf2@quirks.example,Lf\r\n'),
    ['crlf@quirks.example', 'lf2@quirks.example'],
  ],
  [
    'a quoted field with a line break, a comma and a quote',
    utf8(
      'First Name,User ID/Email (Required),Title\n"Multi\r\nLine",multi@quirks.example,"Head, ""the"" boss"\nNext,next@quirks.example,x\n',
    ),
    ['multi@quirks.example', 'next@quirks.example'],
  ],
  [
    'the Dutch header',
    utf8('Voornaam;Gebruikers-ID/e-mail (verplicht)\nNl;dutch@quirks.example\n'),
    ['dutch@quirks.example'],
  ],
  [
    'a stray CR between two rows',
    utf8('User ID/Email (Required)\ncr1@quirks.example\rcr2@quirks.example\n'),
    ['cr1@quirks.example', 'cr2@quirks.example'],
  ],
  [
    'a quote inside an unquoted cell',
    utf8('User ID/Email (Required),Title\nquote@quirks.example,5" screen\n'),
    ['quote@quirks.example'],
  ],
  [
    'a no-break space in the header',
    utf8('User ID/Email\u00A0(Required)\nnbsp@quirks.example\n'),
    ['nbsp@quirks.example'],
  ],
  [
    // The export's formula guard (and the web's file of accounts not claimed) writes a cell that a
    // spreadsheet would evaluate with a leading `'`; the import reads it without, and so must this.
    'an email cell neutralized against formulas',
    utf8("User ID/Email (Required)\n'-dash@quirks.example\n"),
    ['-dash@quirks.example'],
  ],
  [
    'blank lines before the header and between rows',
    utf8('\n,,\nUser ID/Email (Required)\n\nblank@quirks.example\n,\n'),
    ['blank@quirks.example'],
  ],
];

describe('claims from a CSV file, read as the users import reads it', () => {
  const harness = useTestApp();
  let customerId = '';

  beforeAll(async () => {
    const { database, partnerId } = harness();
    customerId = (await createTestCustomer(database.db, partnerId, { provision: true })).id;
    const domain = await insertCustomerDomain(database.db, customerId, DOMAIN, 'token');
    await markDomainChecked(database.db, customerId, domain.id, true);
    for (const email of [
      ...QUIRKS.flatMap(([, , emails]) => emails),
      'plain@quirks.example',
      'second@quirks.example',
    ]) {
      await insertFreeAccount(database.db, {
        email,
        firstName: 'Free',
        lastName: 'Account',
        source: 'operator',
        active: true,
      });
    }
  });

  const upload = (path: 'claims/csv' | 'imports', file: Buffer | string, language = 'en') => {
    const { app, auth, tokens } = harness();
    return app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/${path}${path === 'imports' ? '?dryRun=true' : ''}`,
      headers: { ...auth(tokens.partnerFull), 'content-type': 'text/csv', 'accept-language': language },
      payload: file,
    });
  };

  it.each(QUIRKS)(
    'claims the people of a file with %s, a file the users import takes',
    async (_name, file, emails) => {
      const imported = await upload('imports', file);
      expect(imported.statusCode, imported.body).toBe(202);
      const claimed = await upload('claims/csv', file);
      expect(claimed.statusCode, claimed.body).toBe(200);
      const answer = claimed.json<ClaimAnswer>();
      expect(answer.results.map(({ email, result }) => ({ email, result }))).toEqual(
        emails.map((email) => ({ email, result: 'claimed' })),
      );
      expect(answer.counts).toEqual({ claimed: emails.length, failed: 0 });
    },
  );

  describe('keeps what it did', () => {
    it('reads an `email` column, any case, and claims each email once', async () => {
      const response = await upload(
        'claims/csv',
        'Name,E-Mail\nP,PLAIN@quirks.example\nP,plain@quirks.example\n',
      );
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json<ClaimAnswer>().results.map(({ email, result }) => ({ email, result }))).toEqual([
        { email: 'plain@quirks.example', result: 'claimed' },
      ]);
    });

    it('reads a lower-case `email` column next to other columns', async () => {
      const response = await upload(
        'claims/csv',
        'email,whatever\nsecond@quirks.example,1\nnobody@elsewhere.example,2\n',
      );
      expect(response.statusCode, response.body).toBe(200);
      const answer = response.json<ClaimAnswer>();
      expect(answer.counts).toEqual({ claimed: 1, failed: 1 });
      expect(answer.results[1]?.errors.map((error) => error.code)).toEqual(['not_claimable']);
    });

    it('refuses a file without an email column with email_column_missing', async () => {
      const response = await upload('claims/csv', 'First Name,Title\nAnn,Boss\n');
      expect(response.statusCode).toBe(400);
      expect(response.json<ErrorBody>().errors.map((error) => error.code)).toEqual(['email_column_missing']);
    });
  });

  describe('refuses a file the users import refuses, with its code and words', () => {
    it.each([
      [
        'a binary file',
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]),
      ],
      ['a header whose quote never closes', utf8('User ID/Email (Required),"Title\nann@quirks.example,x\n')],
      ['a byte-order mark alone', utf8('\uFEFF')],
    ])('%s', async (_name, file) => {
      for (const language of ['en', 'nl']) {
        const imported = await upload('imports', file, language);
        expect(imported.statusCode, imported.body).toBe(400);
        const claimed = await upload('claims/csv', file, language);
        expect(claimed.statusCode, claimed.body).toBe(400);
        expect(claimed.json<ErrorBody>().message).toBe(imported.json<ErrorBody>().message);
        expect(claimed.json<ErrorBody>().errors).toEqual(imported.json<ErrorBody>().errors);
      }
    });
  });
});
