// The import upload's options sent as multipart form fields (`behaviour`, `dryRun` before the file)
// are refused as the same options in the query string are: `field` the form field's name, the
// description our sentence in the request's language, never zod's text ("Invalid input",
// "Invalid option: expected one of …"). Nothing is imported.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';

const harness = useTestApp();

const CSV = 'User ID/Email (Required),First Name\nolga@formoptions.example,Olga\n';

let customerId = '';

beforeAll(async () => {
  const { database, partnerId } = harness();
  customerId = (await createTestCustomer(database.db, partnerId, { provision: true })).id;
});

function multipart(fields: Record<string, string>): { type: string; payload: string } {
  const boundary = '----formoptions';
  const parts = Object.entries(fields).map(([name, value]) =>
    [`--${boundary}`, `Content-Disposition: form-data; name="${name}"`, '', value].join('\r\n'),
  );
  const file = [
    `--${boundary}`,
    'Content-Disposition: form-data; name="file"; filename="users.csv"',
    'Content-Type: text/csv',
    '',
    CSV,
  ].join('\r\n');
  return {
    type: `multipart/form-data; boundary=${boundary}`,
    payload: [...parts, file, `--${boundary}--`, ''].join('\r\n'),
  };
}

type ErrorAnswer = { message: string; errors: { code: string; field?: string; description: string }[] };

async function upload(fields: Record<string, string>, language: 'en' | 'nl', query = '') {
  const { app, auth, tokens } = harness();
  const body = multipart(fields);
  return app.inject({
    method: 'POST',
    url: `/v1/customers/${customerId}/imports${query}`,
    headers: { ...auth(tokens.partnerFull), 'content-type': body.type, 'accept-language': language },
    payload: body.payload,
  });
}

async function importCount(): Promise<number> {
  const { app, auth, tokens } = harness();
  const listed = await app.inject({
    url: `/v1/customers/${customerId}/imports?max=200`,
    headers: auth(tokens.partnerFull),
  });
  return listed.json<{ items: unknown[] }>().items.length;
}

const BEHAVIOUR = {
  en: 'behaviour must be one of: "add-only", "add-remove".',
  nl: 'behaviour moet een van deze waarden zijn: "add-only", "add-remove".',
};
const DRY_RUN = {
  en: 'dryRun must be true or false, or one of: "0", "1", "true", "false".',
  nl: 'dryRun moet true of false zijn, of een van deze waarden zijn: "0", "1", "true", "false".',
};

describe('an import option sent as a multipart form field', () => {
  it.each([
    ['behaviour', { behaviour: 'add-everything' }, BEHAVIOUR],
    ['dryRun', { dryRun: 'yes' }, DRY_RUN],
  ] as const)('%s that is not valid: field and sentence in en and nl', async (field, fields, texts) => {
    const before = await importCount();
    for (const language of ['en', 'nl'] as const) {
      const response = await upload(fields, language);
      expect(response.statusCode, response.body).toBe(400);
      const answer = response.json<ErrorAnswer>();
      expect(answer.errors).toEqual([{ code: 'invalid_field', field, description: texts[language] }]);
      expect(answer.message).toBe(
        language === 'nl' ? 'Het verzoek is niet geldig.' : 'The request is not valid.',
      );
    }
    expect(await importCount()).toBe(before);
  });

  it('names each bad field, in one answer', async () => {
    const response = await upload({ behaviour: 'x', dryRun: 'maybe' }, 'en');
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json<ErrorAnswer>().errors).toEqual([
      { code: 'invalid_field', field: 'behaviour', description: BEHAVIOUR.en },
      { code: 'invalid_field', field: 'dryRun', description: DRY_RUN.en },
    ]);
  });

  it('is worded as the same option in the query string', async () => {
    for (const language of ['en', 'nl'] as const) {
      const viaQuery = await upload({}, language, '?behaviour=add-everything&dryRun=yes');
      const viaForm = await upload({ behaviour: 'add-everything', dryRun: 'yes' }, language);
      expect(viaQuery.statusCode, viaQuery.body).toBe(400);
      expect(viaForm.json<ErrorAnswer>().errors).toEqual(viaQuery.json<ErrorAnswer>().errors);
    }
  });

  it('takes valid form fields over the query string', async () => {
    const response = await upload({ behaviour: 'add-remove', dryRun: '1' }, 'en', '?behaviour=add-only');
    expect(response.statusCode, response.body).toBe(202);
    expect(response.json()).toMatchObject({ behaviour: 'add-remove', dryRun: true });
  });
});
