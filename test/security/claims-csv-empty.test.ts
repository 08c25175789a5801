// Claiming free accounts from a CSV file (POST …/claims/csv) answers a file without content as the
// users import (POST …/imports) answers it: an empty body, blank lines or a byte-order mark alone
// is 400 `empty_file` on the field `file`, "The file is empty." / "Het bestand is leeg." in the
// request's language. It answered 200 with no results, as if a file of people had been read.
// A header-only file is what the users import takes (202, an import of no rows) when the header
// has an email column, and refuses (400) when it has none: the claims file now does the same
// (200 with no results, or 400 email_column_missing), where a header without an email column
// passed because the column was looked for in a first record there was not.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';

interface ErrorBody {
  readonly message: string;
  readonly errors: readonly { code: string; field?: string; description: string }[];
}

describe('claims from a CSV file without content', () => {
  const harness = useTestApp();
  let customerId = '';

  beforeAll(async () => {
    const { database, partnerId } = harness();
    customerId = (await createTestCustomer(database.db, partnerId, { provision: true })).id;
  });

  const upload = (path: 'claims/csv' | 'imports', csv: string, language: string) => {
    const { app, auth, tokens } = harness();
    return app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/${path}`,
      headers: { ...auth(tokens.partnerFull), 'content-type': 'text/csv', 'accept-language': language },
      payload: csv,
    });
  };

  describe.each([
    ['an empty body', ''],
    ['blank lines', '\n\r\n  \n'],
    ['a byte-order mark alone', '\uFEFF'],
  ])('%s', (_name, csv) => {
    it.each(['en', 'nl'])('answers 400 empty_file as the users import does (%s)', async (language) => {
      const imported = await upload('imports', csv, language);
      expect(imported.statusCode).toBe(400);
      const claimed = await upload('claims/csv', csv, language);
      expect(claimed.statusCode).toBe(400);
      const body = claimed.json<ErrorBody>();
      const expected = imported.json<ErrorBody>();
      expect(body.message).toBe(expected.message);
      expect(body.errors).toEqual(expected.errors);
      expect(body.errors).toEqual([
        {
          code: 'empty_file',
          field: 'file',
          description: language === 'nl' ? 'Het bestand is leeg.' : 'The file is empty.',
        },
      ]);
    });
  });

  it.each([
    ['the template column', 'User ID/Email (Required)\n'],
    ['the Dutch template column, no line end', 'Gebruikers-ID/e-mail (verplicht),Voornaam'],
    ['an email column after blank lines', '\n\nemail\n'],
  ])('a header-only file with %s is taken, with nothing to claim', async (_name, csv) => {
    const response = await upload('claims/csv', csv, 'en');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ counts: { claimed: 0, failed: 0 }, results: [] });
  });

  it('a header-only file without an email column is refused, as the users import refuses it', async () => {
    const imported = await upload('imports', 'Title,First Name\n', 'en');
    expect(imported.statusCode).toBe(400);
    const claimed = await upload('claims/csv', 'Title,First Name\n', 'en');
    expect(claimed.statusCode).toBe(400);
    expect(claimed.json<ErrorBody>().errors.map((error) => error.code)).toEqual(['email_column_missing']);
  });
});
