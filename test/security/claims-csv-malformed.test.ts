// Claiming free accounts from a CSV file (POST …/claims/csv, SPEC §5 and §7): a file the CSV
// parser cannot read is the uploader's input, so it is a 400 that says what is wrong with the
// file, as the users import says it (malformed_csv), not a 500 'Something went wrong on our side'.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';

describe('claims from a CSV file the parser cannot read', () => {
  const harness = useTestApp();
  let customerId = '';

  beforeAll(async () => {
    const { database, partnerId } = harness();
    customerId = (await createTestCustomer(database.db, partnerId, { provision: true })).id;
  });

  const upload = (csv: string, language = 'en') => {
    const { app, auth, tokens } = harness();
    return app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/claims/csv`,
      headers: { ...auth(tokens.partnerFull), 'content-type': 'text/csv', 'accept-language': language },
      payload: csv,
    });
  };

  it.each([
    ['a quote that is never closed', 'User ID/Email (Required),Title\nanna@claims.example,"open\n'],
    ['a header quote that is never closed', 'User ID/Email (Required),"Title\nanna@claims.example,x\n'],
  ])('answers 400 malformed_csv for %s', async (_name, csv) => {
    const response = await upload(csv);
    expect(response.statusCode).toBe(400);
    const body = response.json<{ errors: { code: string; description: string }[] }>();
    expect(body.errors.map((error) => error.code)).toEqual(['malformed_csv']);
    expect(body.errors[0]?.description).toMatch(/^The file is not valid CSV/);
  });

  it('says it in Dutch to a Dutch client', async () => {
    const response = await upload('User ID/Email (Required)\n"anna@claims.example\n', 'nl');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].description).toMatch(/^Het bestand is geen geldig CSV-bestand/);
  });

  // The users import reads it (a spreadsheet writes such a cell so): the claims CSV, reading its
  // file with the import's reader, reads it too, where its own parser refused it.
  it('reads a quote inside an unquoted field, as the users import does', async () => {
    const response = await upload('User ID/Email (Required),=HYPERLINK("http://x")\nanna@claims.example,x\n');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().counts).toEqual({ claimed: 0, failed: 1 });
  });

  it('still reads a well-formed file', async () => {
    const response = await upload('User ID/Email (Required)\nanna@claims.example\n');
    expect(response.statusCode).toBe(200);
    expect(response.json().counts).toEqual({ claimed: 0, failed: 1 });
  });
});
