// The file uploads read only the media types their `consumes` names: the user CSV import a
// multipart form or the file itself (text/csv, application/csv, application/octet-stream), the
// claims CSV text/csv. Any other media type is refused with 415 `unsupported_media_type` before
// the body is read and nothing is stored. JSON was the hole: the app's JSON parser parsed it
// before the route saw it, so the import got an object where it read a stream (a 500), and the
// claims CSV read a JSON string as if it were the file.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';

const harness = useTestApp();

const CSV = 'User ID/Email (Required),First Name\nyara@mediatype.example,Yara\n';
const IMPORTS = (customerId: string) => `/v1/customers/${customerId}/imports?dryRun=true`;
const CLAIMS_CSV = (customerId: string) => `/v1/customers/${customerId}/claims/csv`;

let customerId = '';

beforeAll(async () => {
  const { database, partnerId } = harness();
  customerId = (await createTestCustomer(database.db, partnerId, { provision: true })).id;
});

async function post(url: string, contentType: string | undefined, payload: string) {
  const { app, auth, tokens } = harness();
  return app.inject({
    method: 'POST',
    url,
    headers: {
      ...auth(tokens.partnerFull),
      ...(contentType === undefined ? {} : { 'content-type': contentType }),
    },
    payload,
  });
}

async function importCount(): Promise<number> {
  const { app, auth, tokens } = harness();
  const listed = await app.inject({
    url: `/v1/customers/${customerId}/imports`,
    headers: auth(tokens.partnerFull),
  });
  return listed.json<{ items: unknown[] }>().items.length;
}

const REFUSED: readonly (readonly [string, string])[] = [
  ['application/json', '{"a":1}'],
  ['application/json', '"text"'],
  ['application/json; charset=utf-8', `"${CSV.replaceAll('\n', '\\n')}"`],
  ['application/x-www-form-urlencoded', 'a=1'],
  ['text/plain', CSV],
  ['application/xml', '<users/>'],
];

describe.each([
  ['the user CSV import', IMPORTS],
  ['the claims CSV', CLAIMS_CSV],
])('%s', (_name, url) => {
  it.each(REFUSED)('refuses %s with 415 unsupported_media_type', async (contentType, payload) => {
    const before = await importCount();
    const response = await post(url(customerId), contentType, payload);
    expect(response.statusCode, response.body).toBe(415);
    const body = response.json<{ errors: { code: string }[]; trackingId: string }>();
    expect(body.errors.map((error) => error.code)).toEqual(['unsupported_media_type']);
    expect(body.trackingId).toBe(response.headers.trackingid);
    expect(await importCount()).toBe(before);
  });
});

describe('the media types the uploads read', () => {
  it.each(['text/csv', 'text/csv; charset=utf-8', 'application/csv', 'application/octet-stream'])(
    'the import reads a %s body (202)',
    async (contentType) => {
      const response = await post(IMPORTS(customerId), contentType, CSV);
      expect(response.statusCode, response.body).toBe(202);
    },
  );

  it('the import reads a multipart form with the field file (202)', async () => {
    const boundary = '----mediatype';
    const payload = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="users.csv"',
      'Content-Type: text/csv',
      '',
      CSV,
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const response = await post(IMPORTS(customerId), `multipart/form-data; boundary=${boundary}`, payload);
    expect(response.statusCode, response.body).toBe(202);
  });

  it('the import without a body asks for the file (400 file_required)', async () => {
    const response = await post(IMPORTS(customerId), undefined, '');
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json<{ errors: { code: string }[] }>().errors.map((error) => error.code)).toEqual([
      'file_required',
    ]);
  });

  it('the claims CSV reads a text/csv body (200)', async () => {
    const response = await post(CLAIMS_CSV(customerId), 'text/csv', 'email\nnobody@mediatype.example\n');
    expect(response.statusCode, response.body).toBe(200);
  });
});
