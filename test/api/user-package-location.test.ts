// PUT …/users/{userId}/package refuses a `location` the new package cannot hold exactly as PATCH
// …/users/{userId} does (same status, code, field and text in English and Dutch), and changes
// nothing; before, the package route only warned (`calling_fields_ignored`) and answered 200.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';

const harness = useTestApp();

let customerId = '';

async function api(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  payload?: unknown,
  language = 'en',
) {
  const { app, tokens, auth } = harness();
  return app.inject({
    method,
    url,
    headers: { ...auth(tokens.partnerFull), 'accept-language': language },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

async function createCallingUser(email: string, extension: string): Promise<string> {
  const response = await api('POST', `/v1/customers/${customerId}/users`, {
    email,
    package: 'webex_calling',
    location: 'Amsterdam HQ',
    extension,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

beforeAll(async () => {
  const { database, partnerId } = harness();
  const customer = await createTestCustomer(database.db, partnerId, {
    name: 'Package Location',
    packages: [{ id: 'webex_calling' }, { id: 'webex_meetings' }, { id: 'webex_voice' }],
    provision: true,
  });
  customerId = customer.id;
  const location = await api('POST', `/v1/customers/${customerId}/locations`, {
    name: 'Amsterdam HQ',
    country: 'NL',
    city: 'Amsterdam',
    addressLine1: 'Damrak 1',
    timeZone: 'Europe/Amsterdam',
  });
  expect(location.statusCode, location.body).toBe(201);
});

describe('a location with a package that uses none', () => {
  it.each(['en', 'nl'])(
    'PUT package answers what PATCH answers (%s) and changes nothing',
    async (language) => {
      const id = await createCallingUser(
        `pkg-loc-${language}@package-location.example`,
        language === 'en' ? '4101' : '4102',
      );
      const body = { package: 'webex_meetings', location: 'Amsterdam HQ' };
      const patched = await api('PATCH', `/v1/customers/${customerId}/users/${id}`, body, language);
      const put = await api('PUT', `/v1/customers/${customerId}/users/${id}/package`, body, language);

      expect(patched.statusCode, patched.body).toBe(400);
      expect(put.statusCode, put.body).toBe(400);
      expect(put.json().errors).toEqual([
        expect.objectContaining({ code: 'location_not_used', field: 'location' }),
      ]);
      expect(put.json().message).toBe(patched.json().message);
      expect(put.json().errors).toEqual(patched.json().errors);
      expect(put.json().errors[0].description).toContain(
        language === 'nl' ? 'gebruikt geen locatie' : 'uses no location',
      );

      const user = await api('GET', `/v1/customers/${customerId}/users/${id}`);
      expect(user.json()).toMatchObject({ package: 'webex_calling', locationName: 'Amsterdam HQ' });
    },
  );

  it('PUT package by location id is refused the same way', async () => {
    const id = await createCallingUser('pkg-loc-id@package-location.example', '4103');
    const locations = await api('GET', `/v1/customers/${customerId}/locations`);
    const locationId = (locations.json().items as { id: string }[])[0]?.id;
    const put = await api('PUT', `/v1/customers/${customerId}/users/${id}/package`, {
      package: 'webex_meetings',
      location: locationId,
    });
    expect(put.statusCode, put.body).toBe(400);
    expect(put.json().errors).toEqual([expect.objectContaining({ code: 'location_not_used' })]);
  });

  it('PUT package without a location still moves the user to Meetings and releases the location', async () => {
    const id = await createCallingUser('pkg-noloc@package-location.example', '4104');
    const put = await api('PUT', `/v1/customers/${customerId}/users/${id}/package`, {
      package: 'webex_meetings',
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().user).toMatchObject({ package: 'webex_meetings', locationName: null });
  });

  it('PUT package to Voice (keeps calling fields) still takes a location', async () => {
    const id = await createCallingUser('pkg-voice@package-location.example', '4105');
    const put = await api('PUT', `/v1/customers/${customerId}/users/${id}/package`, {
      package: 'webex_voice',
      location: 'Amsterdam HQ',
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().user).toMatchObject({ package: 'webex_voice', locationName: 'Amsterdam HQ' });
  });

  it('PUT package with an unknown location is the same 400 as PATCH', async () => {
    const id = await createCallingUser('pkg-unknown@package-location.example', '4106');
    const body = { package: 'webex_meetings', location: 'Nowhere' };
    const put = await api('PUT', `/v1/customers/${customerId}/users/${id}/package`, body);
    const patched = await api('PATCH', `/v1/customers/${customerId}/users/${id}`, body);
    expect(put.statusCode, put.body).toBe(400);
    expect(put.json().errors).toEqual(patched.json().errors);
  });
});
