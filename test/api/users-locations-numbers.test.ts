import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const EMAIL_TAKEN = 'The email is already associated with an existing user.';

describe('locations, numbers, users and audit through the admin API', () => {
  const harness = useTestApp();
  let customerId = '';
  let otherCustomerId = '';

  const post = (url: string, payload: object) => {
    const { app, tokens, auth } = harness();
    return app.inject({ method: 'POST', url, headers: auth(tokens.partnerFull), payload });
  };
  const get = (url: string) => {
    const { app, tokens, auth } = harness();
    return app.inject({ url, headers: auth(tokens.partnerFull) });
  };

  beforeAll(async () => {
    const packages = [{ id: 'webex_calling' }, { id: 'webex_meetings' }, { id: 'webex_suite', limit: 1 }];
    customerId = (
      await post('/v1/customers', {
        name: 'A',
        externalId: 'A-1',
        adminEmail: 'a@a.example',
        country: 'NL',
        packages,
      })
    ).json().id;
    otherCustomerId = (
      await post('/v1/customers', {
        name: 'B',
        externalId: 'B-1',
        adminEmail: 'b@b.example',
        country: 'NL',
        packages,
      })
    ).json().id;
    await harness().drainJobs();
  });

  it('creates locations with names unique per customer, case-insensitively after trimming', async () => {
    const hq = await post(`/v1/customers/${customerId}/locations`, {
      name: 'Amsterdam HQ',
      country: 'NL',
      city: 'Amsterdam',
      timeZone: 'Europe/Amsterdam',
    });
    expect(hq.statusCode).toBe(201);
    const duplicate = await post(`/v1/customers/${customerId}/locations`, {
      name: '  amsterdam hq ',
      country: 'NL',
      timeZone: 'Europe/Amsterdam',
    });
    expect(duplicate.statusCode).toBe(409);
    const badZone = await post(`/v1/customers/${customerId}/locations`, {
      name: 'X',
      country: 'NL',
      timeZone: 'Mars/Olympus',
    });
    expect(badZone.statusCode).toBe(400);
    expect(badZone.json().errors[0]).toMatchObject({ code: 'invalid_time_zone', field: 'timeZone' });
    const sameNameElsewhere = await post(`/v1/customers/${otherCustomerId}/locations`, {
      name: 'Amsterdam HQ',
      country: 'NL',
      timeZone: 'Europe/Amsterdam',
    });
    expect(sameNameElsewhere.statusCode).toBe(201);
  });

  it('adds a number range idempotently and refuses numbers of another customer', async () => {
    const added = await post(`/v1/customers/${customerId}/numbers`, {
      location: 'Amsterdam HQ',
      numbers: ['+31201234500-+31201234509'],
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ added: 10, alreadyPresent: 0 });
    const again = await post(`/v1/customers/${customerId}/numbers`, {
      location: 'amsterdam hq',
      numbers: ['020 123 4500'],
    });
    expect(again.json()).toMatchObject({ added: 0, alreadyPresent: 1 });
    const stolen = await post(`/v1/customers/${otherCustomerId}/numbers`, {
      location: 'Amsterdam HQ',
      numbers: ['+31201234505'],
    });
    expect(stolen.statusCode).toBe(409);
    const free = await get(`/v1/customers/${customerId}/numbers?state=free&max=3`);
    expect(free.json().items.map((n: { phoneNumber: string }) => n.phoneNumber)).toEqual([
      '+31201234500',
      '+31201234501',
      '+31201234502',
    ]);
    expect(free.headers.link).toContain('rel="next"');
  });

  it('creates a calling user with number and extension, and auto-assigns the basic licences', async () => {
    const created = await post(`/v1/customers/${customerId}/users`, {
      email: 'Anna@A.example',
      firstName: 'Anna',
      lastName: 'de Vries',
      package: 'webex_calling',
      location: 'Amsterdam HQ',
      extension: '1001',
      phoneNumber: '020 123 4501',
      preferredWebexSite: 'a.webex.com',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      email: 'anna@a.example',
      package: 'webex_calling',
      phoneNumber: '+31201234501',
      extension: '1001',
      locationName: 'Amsterdam HQ',
      basicLicences: { basicMessaging: true, basicSpaceMeetings: true, callingFromWebex: true },
      jabberCalling: false,
      status: 'provisioned',
    });
    const taken = await get(`/v1/customers/${customerId}/numbers?state=taken`);
    expect(taken.json().items).toMatchObject([{ phoneNumber: '+31201234501', userEmail: 'anna@a.example' }]);
  });

  it('refuses calling users without location, taken extensions and numbers outside the inventory', async () => {
    const noLocation = await post(`/v1/customers/${customerId}/users`, {
      email: 'x1@a.example',
      package: 'webex_calling',
      extension: '1002',
    });
    expect(noLocation.statusCode).toBe(400);
    expect(noLocation.json().errors.map((error: { code: string }) => error.code)).toContain(
      'location_required',
    );
    const takenExtension = await post(`/v1/customers/${customerId}/users`, {
      email: 'x2@a.example',
      package: 'webex_calling',
      location: 'Amsterdam HQ',
      extension: '1001',
    });
    expect(takenExtension.json().errors.map((error: { code: string }) => error.code)).toContain(
      'extension_taken',
    );
    const foreignNumber = await post(`/v1/customers/${customerId}/users`, {
      email: 'x3@a.example',
      package: 'webex_calling',
      location: 'Amsterdam HQ',
      phoneNumber: '+31209999999',
    });
    expect(foreignNumber.json().errors.map((error: { code: string }) => error.code)).toContain(
      'number_not_in_location',
    );
    const users = await get(`/v1/customers/${customerId}/users`);
    expect(users.json().items.map((user: { email: string }) => user.email)).toEqual(['anna@a.example']);
  });

  it('answers 409 with the public text for an email of another customer, naming no organization', async () => {
    const response = await post(`/v1/customers/${otherCustomerId}/users`, {
      email: 'ANNA@a.example',
      package: 'webex_meetings',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toBe(EMAIL_TAKEN);
    expect(JSON.stringify(response.json())).not.toContain(customerId);
  });

  it('enforces package limits', async () => {
    const first = await post(`/v1/customers/${customerId}/users`, {
      email: 's1@a.example',
      package: 'webex_suite',
      location: 'Amsterdam HQ',
      extension: '1005',
    });
    expect(first.statusCode).toBe(201);
    const second = await post(`/v1/customers/${customerId}/users`, {
      email: 's2@a.example',
      package: 'webex_suite',
      location: 'Amsterdam HQ',
      extension: '1006',
    });
    // ADR 0091: a used-up limit conflicts with stored state, 409 as a customer limit below use.
    expect(second.statusCode).toBe(409);
    expect(second.json().errors.map((error: { code: string }) => error.code)).toContain(
      'package_limit_reached',
    );
  });

  it('searches, filters by package and pages the users list', async () => {
    await post(`/v1/customers/${customerId}/users`, {
      email: 'carla@a.example',
      firstName: 'Carla',
      lastName: 'Bakker',
      package: 'webex_meetings',
    });
    const byName = await get(`/v1/customers/${customerId}/users?search=bakk`);
    expect(byName.json().items.map((user: { email: string }) => user.email)).toEqual(['carla@a.example']);
    const byPackage = await get(`/v1/customers/${customerId}/users?package=webex_calling`);
    expect(byPackage.json().items.map((user: { email: string }) => user.email)).toEqual(['anna@a.example']);
    const firstPage = await get(`/v1/customers/${customerId}/users?max=1`);
    const next = /<([^>]+)>; rel="next"/.exec(String(firstPage.headers.link))?.[1] ?? '';
    const secondPage = await get(next);
    expect(secondPage.json().items[0].email).not.toBe(firstPage.json().items[0].email);
  });

  it('clears a profile field given as null, and refuses null for a name', async () => {
    const { app, tokens, auth } = harness();
    const created = await post(`/v1/customers/${customerId}/users`, {
      email: 'clara@a.example',
      firstName: 'Clara',
      lastName: 'Claes',
      package: 'webex_meetings',
      preferredWebexSite: 'a.webex.com',
    });
    expect(created.statusCode).toBe(201);
    const patch = (payload: Record<string, unknown>) =>
      app.inject({
        method: 'PATCH',
        url: `/v1/customers/${customerId}/users/${created.json().id}`,
        headers: auth(tokens.partnerFull),
        payload,
      });
    expect((await patch({ title: 'Head baker', department: 'Bakery' })).json()).toMatchObject({
      title: 'Head baker',
      department: 'Bakery',
    });
    // An empty string is "no change", as a blank CSV cell; null clears.
    expect((await patch({ title: '' })).json().title).toBe('Head baker');
    const cleared = await patch({ title: null });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json()).toMatchObject({ title: null, department: 'Bakery' });
    expect((await patch({ firstName: null })).statusCode).toBe(400);
  });

  it('changes a user, then deletes it: number and extension go back to the pool, the audit log keeps both', async () => {
    const { app, tokens, auth } = harness();
    const anna = (await get(`/v1/customers/${customerId}/users?search=anna`)).json().items[0];
    const patched = await app.inject({
      method: 'PATCH',
      url: `/v1/customers/${customerId}/users/${anna.id}`,
      headers: auth(tokens.partnerFull),
      payload: { title: 'Baker' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().title).toBe('Baker');
    const readonly = await app.inject({
      method: 'DELETE',
      url: `/v1/customers/${customerId}/users/${anna.id}`,
      headers: auth(tokens.partnerReadonly),
    });
    expect(readonly.statusCode).toBe(403);
    const deleted = await app.inject({
      method: 'DELETE',
      url: `/v1/customers/${customerId}/users/${anna.id}`,
      headers: auth(tokens.partnerFull),
    });
    expect(deleted.statusCode).toBe(204);
    const free = await get(`/v1/customers/${customerId}/numbers?state=free&max=200`);
    expect(free.json().items.map((n: { phoneNumber: string }) => n.phoneNumber)).toContain('+31201234501');
    const reused = await post(`/v1/customers/${otherCustomerId}/users`, {
      email: 'anna@a.example',
      package: 'webex_meetings',
    });
    expect(reused.statusCode).toBe(201);
    const audit = await get(`/v1/customers/${customerId}/audit?action=user.`);
    const actions = audit
      .json()
      .items.filter((event: { target: { id: string } }) => event.target.id === anna.id);
    expect(actions.map((event: { action: string }) => event.action)).toEqual([
      'user.delete',
      'user.update',
      'user.create',
    ]);
    expect(actions[1]).toMatchObject({
      before: { title: null },
      after: { title: 'Baker' },
      actor: { type: 'token' },
    });
    expect(actions[0].requestId).toBe(deleted.headers.trackingid);
  });

  it('refuses to delete a location that numbers use', async () => {
    const { app, tokens, auth } = harness();
    const response = await app.inject({
      method: 'DELETE',
      url: `/v1/customers/${customerId}/locations/Amsterdam%20HQ`,
      headers: auth(tokens.partnerFull),
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().errors[0].code).toBe('location_in_use');
  });
});
