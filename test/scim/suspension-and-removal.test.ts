// SPEC §5 through SCIM: `active: false` suspends (package, number, extension and the place in the
// package limit stay; export says Suspended); DELETE removes the user and gives back the number,
// the extension, the place in the limit and the email.
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { addUserOutsideScim, createScimCustomer, PATCH_OP, PRODUCT, scimUser } from './scim-harness.ts';

const testApp = useTestApp();

describe('SCIM suspension and removal (SPEC §5)', () => {
  it('keeps what a suspended user holds and frees it on DELETE', async () => {
    const harness = testApp();
    const scim = await createScimCustomer(harness);
    const auth = harness.auth(harness.tokens.partnerFull);
    const admin = (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
      harness.app.inject({
        method,
        url: `/v1/customers/${scim.customerId}${url}`,
        headers: auth,
        ...(payload !== undefined ? { payload } : {}),
      });
    expect(
      (await admin('POST', '/locations', { name: 'HQ', country: 'NL', timeZone: 'Europe/Amsterdam' }))
        .statusCode,
    ).toBe(201);
    expect((await admin('POST', '/numbers', { location: 'HQ', numbers: ['+31201234500'] })).statusCode).toBe(
      201,
    );
    await harness.database.db
      .updateTable('customer_packages')
      .set({ limit: 2 })
      .where('customer_id', '=', scim.customerId)
      .where('package_id', '=', 'webex_calling')
      .execute();
    const first = await addUserOutsideScim(harness, scim, {
      email: 'held@s5.example',
      firstName: 'Held',
      lastName: 'User',
      package: 'webex_calling',
      location: 'HQ',
      extension: '1001',
      phoneNumber: '+31201234500',
    });
    expect(first.statusCode, first.body).toBe(201);
    const userId = (first.json() as { id: string }).id;
    const second = await scim.request(
      'POST',
      '/Users',
      scimUser('second@s5.example', {
        [PRODUCT]: { package: 'webex_calling', location: 'HQ', extension: '1002' },
      }),
    );
    expect(second.statusCode, second.body).toBe(201);

    const suspend = await scim.request('PATCH', `/Users/${userId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(suspend.statusCode, suspend.body).toBe(204);
    const suspended = await admin('GET', `/users/${userId}`);
    expect(suspended.json()).toMatchObject({
      suspended: true,
      package: 'webex_calling',
      extension: '1001',
      phoneNumber: '+31201234500',
    });
    const scimView = (await scim.request('GET', `/Users/${userId}`)).json() as Record<string, unknown>;
    expect(scimView).toMatchObject({
      active: false,
      [PRODUCT]: { package: 'webex_calling', extension: '1001' },
    });
    // The suspended user still holds a place: the limit of 2 is used up.
    const third = scim.request(
      'POST',
      '/Users',
      scimUser('third@s5.example', {
        [PRODUCT]: { package: 'webex_calling', location: 'HQ', extension: '1003' },
      }),
    );
    expect((await third).json()).toMatchObject({ status: '400', scimType: 'invalidValue' });
    const csv = await admin('GET', '/users/export.csv');
    expect(csv.statusCode).toBe(200);
    const heldLine = csv.body.split(/\r?\n/).find((line) => line.includes('held@s5.example')) ?? '';
    expect(heldLine).toContain('Suspended');

    const removed = await scim.request('DELETE', `/Users/${userId}`);
    expect(removed.statusCode, removed.body).toBe(204);
    const numbers = (await admin('GET', '/numbers')).json() as {
      items: { phoneNumber: string; state: string }[];
    };
    expect(numbers.items.find((n) => n.phoneNumber === '+31201234500')?.state).toBe('free');
    // The place, the extension and the email are free again.
    const reuse = await scim.request(
      'POST',
      '/Users',
      scimUser('held@s5.example', {
        [PRODUCT]: { package: 'webex_calling', location: 'HQ', extension: '1001' },
      }),
    );
    expect(reuse.statusCode, reuse.body).toBe(201);
  });

  it('creates a user suspended when the directory sends active false, and counts it in the limit', async () => {
    const harness = testApp();
    const scim = await createScimCustomer(harness);
    await harness.database.db
      .updateTable('customer_packages')
      .set({ limit: 1 })
      .where('customer_id', '=', scim.customerId)
      .where('package_id', '=', 'webex_meetings')
      .execute();
    const off = await scim.request('POST', '/Users', scimUser('off@s5.example', { active: false }));
    expect(off.statusCode, off.body).toBe(201);
    expect(off.json()).toMatchObject({ active: false });
    const next = await scim.request('POST', '/Users', scimUser('on@s5.example'));
    expect(next.json()).toMatchObject({ status: '400', scimType: 'invalidValue' });
  });
});
