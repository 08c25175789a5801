// The admin users API's refusals name the request property as `field` (SPEC §7: errors name the
// field and the reason): `package` or `attendantConsole`, never a package id, which stays in the
// description. And a user create refuses a location it would not use, as PATCH and PUT …/package
// do: an unknown one whatever the package, one for a package without a location (`location_not_used`).
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';

const harness = useTestApp();

let customerId = '';
let suiteUserId = '';

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

const users = () => `/v1/customers/${customerId}/users`;

beforeAll(async () => {
  const { database, partnerId } = harness();
  const customer = await createTestCustomer(database.db, partnerId, {
    name: 'Error Fields',
    // No Customer Assist, no Attendant Console; one Suite only.
    packages: [
      { id: 'webex_calling' },
      { id: 'webex_calling_standard' },
      { id: 'webex_meetings' },
      { id: 'webex_suite', limit: 1 },
    ],
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
  const suite = await api('POST', users(), {
    email: 'suite@error-fields.example',
    package: 'webex_suite',
    location: 'Amsterdam HQ',
    extension: '5001',
  });
  expect(suite.statusCode, suite.body).toBe(201);
  suiteUserId = suite.json().id;
});

describe('package refusals name the request property', () => {
  it('a forbidden change: field package, the package named in the description', async () => {
    const response = await api('PUT', `${users()}/${suiteUserId}/package`, {
      package: 'webex_calling_standard',
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().errors).toEqual([
      expect.objectContaining({ code: 'forbidden_change', field: 'package' }),
    ]);
    expect(response.json().errors[0].description).toContain('Webex Calling Standard');
  });

  it('a package not sold: field package', async () => {
    const response = await api('PUT', `${users()}/${suiteUserId}/package`, { package: 'cx_essentials' });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().errors).toEqual([
      expect.objectContaining({ code: 'package_not_sold', field: 'package' }),
    ]);
  });

  it('an add-on not sold: field attendantConsole', async () => {
    const response = await api('PUT', `${users()}/${suiteUserId}/package`, {
      package: 'webex_suite',
      attendantConsole: true,
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().errors).toEqual([
      expect.objectContaining({ code: 'package_not_sold', field: 'attendantConsole' }),
    ]);
  });

  it('a package limit used up: 409 (ADR 0091), field package, on create and in the batch', async () => {
    const user = {
      email: 'suite2@error-fields.example',
      package: 'webex_suite',
      location: 'Amsterdam HQ',
      extension: '5002',
    };
    const single = await api('POST', users(), user);
    expect(single.statusCode, single.body).toBe(409);
    expect(single.json().errors).toEqual([
      expect.objectContaining({ code: 'package_limit_reached', field: 'package' }),
    ]);
    const batch = await api('POST', `${users()}/batch`, { users: [user] });
    expect(batch.statusCode, batch.body).toBe(200);
    expect(batch.json().results[0].status).toBe(409);
    expect(batch.json().results[0].errors).toEqual([
      expect.objectContaining({ code: 'package_limit_reached', field: 'package' }),
    ]);
  });
});

describe('a user create refuses a location it would not use', () => {
  const meetings = (email: string, location: string) => ({
    email,
    package: 'webex_meetings',
    location,
    extension: '12',
  });

  it.each([
    ['an unknown location', 'Nowhere', 'unknown_location'],
    ['a known location', 'Amsterdam HQ', 'location_not_used'],
  ])(
    'Meetings with %s: 400 on its own, failed in the batch, nothing added',
    async (_case, location, code) => {
      const email = `mtg-${code}@error-fields.example`;
      const single = await api('POST', users(), meetings(email, location));
      expect(single.statusCode, single.body).toBe(400);
      expect(single.json().errors).toEqual([expect.objectContaining({ code, field: 'location' })]);

      const batch = await api('POST', `${users()}/batch`, {
        users: [
          meetings(email, location),
          { email: `ok-${code}@error-fields.example`, package: 'webex_meetings' },
        ],
      });
      expect(batch.statusCode, batch.body).toBe(200);
      expect(batch.json().counts).toEqual({ created: 1, pendingUserMigration: 0, failed: 1 });
      expect(batch.json().results[0]).toMatchObject({ result: 'failed', status: 400 });
      expect(batch.json().results[0].errors).toEqual([expect.objectContaining({ code, field: 'location' })]);

      const listed = await api('GET', `${users()}?search=${encodeURIComponent(email)}`);
      expect(listed.json().items).toEqual([]);
    },
  );

  it('the refusal reads as PATCH words it, in Dutch too', async () => {
    const created = await api('POST', users(), {
      email: 'mtg-nl@error-fields.example',
      package: 'webex_meetings',
    });
    expect(created.statusCode, created.body).toBe(201);
    const body = { package: 'webex_meetings', location: 'Amsterdam HQ' };
    const patched = await api('PATCH', `${users()}/${created.json().id}`, body, 'nl');
    const posted = await api('POST', users(), { ...body, email: 'mtg-nl2@error-fields.example' }, 'nl');
    expect(posted.statusCode, posted.body).toBe(400);
    expect(posted.json().errors).toEqual(patched.json().errors);
  });

  it('a calling package still takes its location; Meetings without one still gets extension warnings', async () => {
    const calling = await api('POST', users(), {
      email: 'calling@error-fields.example',
      package: 'webex_calling',
      location: 'Amsterdam HQ',
      extension: '5003',
    });
    expect(calling.statusCode, calling.body).toBe(201);
    expect(calling.json().locationName).toBe('Amsterdam HQ');
    const meetingsOnly = await api('POST', users(), {
      email: 'mtg-ext@error-fields.example',
      package: 'webex_meetings',
      extension: '12',
    });
    expect(meetingsOnly.statusCode, meetingsOnly.body).toBe(201);
    expect(meetingsOnly.json().warnings).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'calling_fields_ignored' })]),
    );
  });
});

describe('warnings name the request property too', () => {
  it('add_on_dropped on a package change: field attendantConsole', async () => {
    const { database, partnerId } = harness();
    const allSold = await createTestCustomer(database.db, partnerId, { provision: true });
    const base = `/v1/customers/${allSold.id}/users`;
    const location = await api('POST', `/v1/customers/${allSold.id}/locations`, {
      name: 'Utrecht',
      country: 'NL',
      city: 'Utrecht',
      addressLine1: 'Oudegracht 1',
      timeZone: 'Europe/Amsterdam',
    });
    expect(location.statusCode, location.body).toBe(201);
    const created = await api('POST', base, {
      email: 'console@error-fields.example',
      package: 'webex_calling',
      attendantConsole: true,
      location: 'Utrecht',
      extension: '6001',
    });
    expect(created.statusCode, created.body).toBe(201);
    const changed = await api('PUT', `${base}/${created.json().id}/package`, { package: 'webex_voice' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'add_on_dropped', field: 'attendantConsole' }),
      ]),
    );
  });
});
