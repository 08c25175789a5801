// A body over the limit names the limit in the 413, as an import's file limit does (SPEC §7:
// "an upload over the limit 413"): in words in the message (`5 MB`, `1 kB`, in the request's
// language) and exactly in the detail. "Larger than allowed" left the client guessing.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const harness = useTestApp({ env: { IMPORT_MAX_BYTES: '1000' } });
const JSON_LIMIT = 5 * 1024 * 1024;

const send = (url: string, type: string, payload: string, language: string) =>
  harness().app.inject({
    method: 'POST',
    url,
    headers: {
      ...harness().auth(harness().tokens.partnerFull),
      'content-type': type,
      'accept-language': language,
    },
    payload,
  });

describe('the 413 of a body over the limit', () => {
  let customerId = '';

  beforeAll(async () => {
    const created = await send(
      '/v1/customers',
      'application/json',
      JSON.stringify({
        name: 'Body Limit BV',
        externalId: 'BODYLIMIT-1',
        adminEmail: 'beheer@bodylimit.example',
        country: 'NL',
        packages: [{ id: 'webex_calling' }],
      }),
      'en',
    );
    expect(created.statusCode, created.body).toBeLessThan(300);
    customerId = created.json<{ id: string }>().id;
  });

  it.each([
    ['en', 'The request body is larger than 5 MB.', `The limit is ${JSON_LIMIT} bytes.`],
    ['nl', 'De inhoud van het verzoek is groter dan 5 MB.', `De limiet is ${JSON_LIMIT} bytes.`],
  ])('of JSON names the limit (%s)', async (language, message, description) => {
    const payload = JSON.stringify({ name: 'x'.repeat(JSON_LIMIT + 1) });
    const response = await send('/v1/customers', 'application/json', payload, language);
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ message, errors: [{ code: 'payload_too_large', description }] });
  });

  it.each([
    ['en', 'The file is larger than 1 kB.'],
    ['nl', 'Het bestand is groter dan 1 kB.'],
  ])('of a CSV upload the body limit refuses names it as the file limit (%s)', async (language, message) => {
    const payload = `email\n${'someone@bodylimit.example\n'.repeat(60)}`;
    const response = await send(`/v1/customers/${customerId}/claims/csv`, 'text/csv', payload, language);
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ message });
    expect(response.body).toContain('1000 bytes');
  });
});
