// A claims CSV over the file size limit (POST …/claims/csv) is refused as the users import refuses
// one (POST …/imports): 413 with the same message and errors, in the request's language.
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';

const harness = useTestApp({ env: { IMPORT_MAX_BYTES: '1000' } });

describe('a claims CSV over the size limit', () => {
  let customerId = '';

  beforeAll(async () => {
    const { database, partnerId } = harness();
    customerId = (await createTestCustomer(database.db, partnerId, { provision: true })).id;
  });

  it.each(['en', 'nl'])('is refused with the users import’s 413 (%s)', async (language) => {
    const { app, auth, tokens } = harness();
    const file = `User ID/Email (Required)\n${'someone@claims-limit.example\n'.repeat(60)}`;
    const send = (path: string) =>
      app.inject({
        method: 'POST',
        url: `/v1/customers/${customerId}/${path}`,
        headers: { ...auth(tokens.partnerFull), 'content-type': 'text/csv', 'accept-language': language },
        payload: file,
      });
    const imported = await send('imports');
    const claimed = await send('claims/csv');
    expect(imported.statusCode).toBe(413);
    expect(claimed.statusCode).toBe(413);
    const body = (response: typeof claimed) => {
      const { message, errors } = response.json<{ message: string; errors: unknown }>();
      return { message, errors };
    };
    expect(body(claimed)).toEqual(body(imported));
  });

  // A body without a Content-Length (a stream: inject sends no length) is counted as it is read,
  // as the import counts it.
  it('is cut off at the limit when it declares no length', async () => {
    const { app, auth, tokens } = harness();
    const lines = Array.from({ length: 60 }, () => 'someone@claims-limit.example\n');
    const response = await app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/claims/csv`,
      headers: { ...auth(tokens.partnerFull), 'content-type': 'text/csv' },
      payload: Readable.from(['User ID/Email (Required)\n', ...lines]),
    });
    expect(response.statusCode, response.body).toBe(413);
    expect(response.json<{ errors: { code: string }[] }>().errors.map((error) => error.code)).toEqual([
      'file_too_large',
    ]);
  });
});
