// The 413 of an upload over IMPORT_MAX_BYTES names the limit in words that fit it: with a limit
// of 1000 bytes "1 kB", not "0 MB" (which a whole number of megabytes made of any limit < 512 kB).
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const CSV = `User ID/Email (Required),First Name\n${'someone@devries.example,Someone\n'.repeat(44)}`;

describe('the size limit in the 413 of an upload', () => {
  const testApp = useTestApp({ env: { IMPORT_MAX_BYTES: '1000' } });
  let customerId = '';

  const headers = (language: string) => ({
    ...testApp().auth(testApp().tokens.partnerFull),
    'accept-language': language,
  });

  beforeAll(async () => {
    const created = await testApp().app.inject({
      method: 'POST',
      url: '/v1/customers',
      headers: headers('en'),
      payload: {
        name: 'Limit BV',
        externalId: 'LIMIT-1',
        adminEmail: 'beheer@limit.example',
        country: 'NL',
        packages: [{ id: 'webex_calling' }],
      },
    });
    expect(created.statusCode, created.body).toBeLessThan(300);
    customerId = created.json<{ id: string }>().id;
    expect(Buffer.byteLength(CSV)).toBeGreaterThan(1400);
    expect(Buffer.byteLength(CSV)).toBeLessThan(1500);
  });

  it.each([
    ['en', 'The file is larger than 1 kB.'],
    ['nl', 'Het bestand is groter dan 1 kB.'],
  ])('a text/csv body (%s)', async (language, message) => {
    const response = await testApp().app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/imports`,
      headers: { ...headers(language), 'content-type': 'text/csv' },
      payload: CSV,
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ message });
    expect(response.body).toContain('1000 bytes');
  });

  it.each([
    ['en', 'The file is larger than 1 kB.'],
    ['nl', 'Het bestand is groter dan 1 kB.'],
  ])('a multipart file (%s)', async (language, message) => {
    const boundary = '----hubsizelimit';
    const payload =
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="users.csv"\r\n` +
      `Content-Type: text/csv\r\n\r\n${CSV}\r\n--${boundary}--\r\n`;
    const response = await testApp().app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId}/imports`,
      headers: { ...headers(language), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ message });
  });
});
