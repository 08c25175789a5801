// SPEC §2: a customer's and a location's country is an assigned ISO 3166-1 alpha-2 code, and a
// language is ISO 639-1 with an optional `_` region (nl, nl_NL, en_US). The admin API, the CLI's
// services and the Wholesale API refuse anything else with 400 naming the field.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const NOT_ISO = ['ZZ', 'EU', 'QO', 'XA', 'UK', 'XK'];
const NOT_LANGUAGES = ['xx_YY_zz', 'xx', 'nl_ZZ', 'en_UK', 'Dutch'];

describe('country and language of customers and locations', () => {
  const harness = useTestApp();
  let customerId = '';

  const send = (method: 'POST' | 'PATCH' | 'PUT' | 'GET', url: string, payload?: object) => {
    const { app, tokens, auth } = harness();
    return app.inject({
      method,
      url,
      headers: auth(tokens.partnerFull),
      ...(payload ? { payload } : {}),
    });
  };

  const customer = (externalId: string, extra: object = {}) => ({
    name: `Customer ${externalId}`,
    externalId,
    adminEmail: `admin-${externalId.toLowerCase()}@example.com`,
    country: 'NL',
    packages: [{ id: 'webex_meetings' }],
    ...extra,
  });

  const fieldsOf = (body: { errors: { field?: string }[] }) => body.errors.map((error) => error.field);

  beforeAll(async () => {
    customerId = (await send('POST', '/v1/customers', customer('BASE'))).json().id;
    await harness().drainJobs();
  });

  describe('admin API', () => {
    it.each(NOT_ISO)('refuses country %s on create, storing nothing', async (country) => {
      const response = await send('POST', '/v1/customers', customer(`C-${country}`, { country }));
      expect(response.statusCode).toBe(400);
      expect(response.json().errors).toEqual([
        expect.objectContaining({ code: 'invalid_country', field: 'country' }),
      ]);
      expect((await send('GET', `/v1/customers/C-${country}`)).statusCode).toBe(404);
    });

    it('accepts assigned codes, also without a phone numbering plan (GB, AQ)', async () => {
      for (const country of ['GB', 'AQ']) {
        const response = await send('POST', '/v1/customers', customer(`OK-${country}`, { country }));
        expect(response.statusCode, response.body).toBe(202);
        expect(response.json().country).toBe(country);
      }
    });

    it.each(NOT_ISO)('refuses country %s on update', async (country) => {
      const response = await send('PATCH', `/v1/customers/${customerId}`, { country });
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response.json())).toEqual(['country']);
    });

    it.each(NOT_LANGUAGES)('refuses language %s on create and update, naming the field', async (language) => {
      const created = await send('POST', '/v1/customers', customer(`L-${language}`, { language }));
      expect(created.statusCode).toBe(400);
      expect(created.json().errors).toEqual([
        expect.objectContaining({
          code: 'invalid_language',
          field: 'language',
          description: expect.stringContaining(`"${language}"`),
        }),
      ]);
      const patched = await send('PATCH', `/v1/customers/${customerId}`, { language });
      expect(patched.statusCode).toBe(400);
      expect(fieldsOf(patched.json())).toEqual(['language']);
    });

    it.each([
      { language: 'nl', stored: 'nl' },
      { language: 'nl_NL', stored: 'nl_NL' },
      { language: 'en_us', stored: 'en_US' },
      { language: 'nl-NL', stored: 'nl_NL' },
    ])('stores language $language as $stored', async ({ language, stored }) => {
      const created = await send('POST', '/v1/customers', customer(`S-${language}`, { language }));
      expect(created.statusCode, created.body).toBe(202);
      expect(created.json().language).toBe(stored);
      const patched = await send('PATCH', `/v1/customers/${customerId}`, { language });
      expect(patched.statusCode, patched.body).toBe(200);
      expect(patched.json().language).toBe(stored);
    });

    it("checks the first location's country and language", async () => {
      const response = await send(
        'POST',
        '/v1/customers',
        customer('FIRST-LOC', {
          firstLocation: { name: 'HQ', country: 'EU', timeZone: 'Europe/Amsterdam', language: 'xx_YY' },
        }),
      );
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response.json()).sort()).toEqual(['firstLocation.country', 'firstLocation.language']);
    });

    it("refuses a location's invalid country or language on create and edit, and stores en_us as en_US", async () => {
      const base = `/v1/customers/${customerId}/locations`;
      const badCountry = await send('POST', base, { name: 'X', country: 'UK', timeZone: 'Europe/London' });
      expect(badCountry.statusCode).toBe(400);
      expect(fieldsOf(badCountry.json())).toEqual(['country']);
      const badLanguage = await send('POST', base, {
        name: 'X',
        country: 'GB',
        timeZone: 'Europe/London',
        language: 'xx_YY_zz',
      });
      expect(badLanguage.statusCode).toBe(400);
      expect(fieldsOf(badLanguage.json())).toEqual(['language']);
      expect((await send('GET', base)).json().items).toEqual([]);

      const created = await send('POST', base, {
        name: 'London',
        country: 'GB',
        timeZone: 'Europe/London',
        language: 'en_gb',
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json().language).toBe('en_GB');
      const edited = await send('PATCH', `${base}/London`, { language: 'xx', country: 'XA' });
      expect(edited.statusCode).toBe(400);
      expect(fieldsOf(edited.json()).sort()).toEqual(['country', 'language']);
      const cleared = await send('PATCH', `${base}/London`, { language: null });
      expect(cleared.statusCode, cleared.body).toBe(200);
      expect(cleared.json().language).toBeNull();
    });
  });

  describe('Wholesale API', () => {
    const wholesaleCustomer = (
      externalId: string,
      changes: { country?: string; language?: string } = {},
    ) => ({
      provisioningId: 'prov-1',
      packages: ['common_area_calling'],
      externalId,
      address: {
        addressLine1: '771 Alder Drive',
        city: 'Milpitas',
        stateOrProvince: 'CA',
        zipOrPostalCode: '95035',
        country: changes.country ?? 'US',
      },
      customerInfo: {
        name: `Wholesale ${externalId}`,
        primaryEmail: `admin-${externalId.toLowerCase()}@example.com`,
        language: changes.language ?? 'en',
      },
      provisioningParameters: {
        calling: {
          location: {
            name: 'Main',
            address: { addressLine1: '771 Alder Drive', city: 'Milpitas', country: 'US' },
            timezone: 'America/Los_Angeles',
            language: 'en_us',
          },
        },
      },
    });

    /** The public error shape, one error naming the field in its description. */
    const expectInvalid = (response: { statusCode: number; json(): unknown }, field: string) => {
      expect(response.statusCode).toBe(400);
      const body = response.json() as {
        message: string;
        errors: { errorCode: number; description: string }[];
      };
      expect(body.errors).toEqual([{ errorCode: 10001, description: expect.stringContaining(field) }]);
      expect(Object.keys(body).sort()).toEqual(['errors', 'message', 'trackingId']);
    };

    it.each(NOT_ISO)('refuses address.country %s (create, update, validate)', async (country) => {
      const created = await send(
        'POST',
        '/v1/wholesale/customers',
        wholesaleCustomer(`W-${country}`, { country }),
      );
      expectInvalid(created, 'address.country');
      const listed = await send('GET', `/v1/wholesale/customers?externalId=W-${country}`);
      expect(listed.json().items).toEqual([]);
      const validated = await send(
        'POST',
        '/v1/wholesale/customers/validate',
        wholesaleCustomer(`V-${country}`, { country }),
      );
      expectInvalid(validated, 'address.country');
      const updated = await send('PUT', `/v1/wholesale/customers/${customerId}`, {
        packages: ['webex_meetings'],
        address: { addressLine1: 'Damrak 1', city: 'Amsterdam', country },
      });
      expectInvalid(updated, 'address.country');
    });

    it('refuses a first location whose country is not ISO', async () => {
      const body = wholesaleCustomer('W-LOC-COUNTRY');
      body.provisioningParameters.calling.location.address.country = 'EU';
      expectInvalid(await send('POST', '/v1/wholesale/customers', body), 'location.address.country');
    });

    it.each(NOT_LANGUAGES)('refuses customerInfo.language %s instead of storing en_US', async (language) => {
      const response = await send(
        'POST',
        '/v1/wholesale/customers',
        wholesaleCustomer(`WL-${language}`, { language }),
      );
      expectInvalid(response, 'customerInfo.language');
      expect((await send('GET', `/v1/customers/WL-${language}`)).statusCode).toBe(404);
    });

    it('refuses an invalid first location language', async () => {
      const body = wholesaleCustomer('W-LOC-LANGUAGE');
      body.provisioningParameters.calling.location.language = 'xx_YY_zz';
      expectInvalid(await send('POST', '/v1/wholesale/customers', body), 'location.language');
    });

    it.each([
      { language: 'en', stored: 'en' },
      { language: 'nl_NL', stored: 'nl_NL' },
      { language: 'fr_fr', stored: 'fr_FR' },
      { language: 'en-GB', stored: 'en_GB' },
    ])('accepts customerInfo.language $language and stores $stored', async ({ language, stored }) => {
      const externalId = `WOK-${language}`;
      const response = await send(
        'POST',
        '/v1/wholesale/customers',
        wholesaleCustomer(externalId, { language }),
      );
      expect(response.statusCode, response.body).toBe(202);
      expect((await send('GET', `/v1/customers/${externalId}`)).json().language).toBe(stored);
      const locations = await send('GET', `/v1/customers/${externalId}/locations`);
      expect(locations.json().items).toEqual([expect.objectContaining({ name: 'Main', language: 'en_US' })]);
    });
  });
});
