// SPEC §5: a user the directory suspends cannot sign in. When that user is also an admin of the
// same customer, the admin account loses its sign-in and its live sessions, and gets them back
// when the directory reactivates the user.
import { describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { hashPassword } from '../../src/services/auth/passwords.ts';
import { useTestApp, type TestApp } from '../helpers/app.ts';
import { createScimCustomer, PATCH_OP, scimUser } from './scim-harness.ts';

const testApp = useTestApp();
const PASSWORD = 'correct horse battery';

async function createCustomerAdmin(db: Kysely<DB>, partnerId: string, customerId: string, email: string) {
  await db
    .insertInto('admin_accounts')
    .values({
      partner_id: partnerId,
      customer_id: customerId,
      email,
      role: 'customer_full_admin',
      password_hash: await hashPassword(PASSWORD),
      status: 'active',
    })
    .execute();
}

async function signIn(harness: TestApp, email: string) {
  return harness.app.inject({
    method: 'POST',
    url: '/v1/auth/login',
    payload: { email, password: PASSWORD },
  });
}

function sessionCookie(response: { cookies: { name: string; value: string }[] }): string {
  const cookie = response.cookies.find((entry) => entry.name === 'hub_session');
  if (!cookie) throw new Error('no hub_session cookie');
  return `hub_session=${cookie.value}`;
}

async function whoAmI(harness: TestApp, cookie: string): Promise<number> {
  const response = await harness.app.inject({ method: 'GET', url: '/v1/auth/me', headers: { cookie } });
  return response.statusCode;
}

describe('a customer admin whose user the directory suspends', () => {
  it('cannot sign in or use a live session until the directory reactivates the user', async () => {
    const harness = testApp();
    const scim = await createScimCustomer(harness);
    const email = 'Pat.Admin@customer.example';
    await createCustomerAdmin(harness.database.db, harness.partnerId, scim.customerId, email.toLowerCase());
    const created = await scim.request('POST', '/Users', scimUser(email));
    expect(created.statusCode, created.body).toBe(201);
    const userId = (created.json() as { id: string }).id;

    const before = await signIn(harness, email);
    expect(before.statusCode, before.body).toBe(200);
    const cookie = sessionCookie(before);
    expect(await whoAmI(harness, cookie)).toBe(200);

    const setActive = (active: boolean) =>
      scim.request('PATCH', `/Users/${userId}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', value: { active } }],
      });
    expect([200, 204]).toContain((await setActive(false)).statusCode);

    expect(await whoAmI(harness, cookie)).toBe(401);
    const refused = await signIn(harness, email);
    expect(refused.statusCode).toBe(401);
    const wrongPassword = await harness.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email, password: 'not the password' },
    });
    // The same answer as a wrong password: sign-in does not tell why.
    expect(refused.json().message).toBe(wrongPassword.json().message);
    expect(wrongPassword.statusCode).toBe(401);

    expect([200, 204]).toContain((await setActive(true)).statusCode);
    expect(await whoAmI(harness, cookie)).toBe(200);
    expect((await signIn(harness, email)).statusCode).toBe(200);
  });

  it('leaves an admin of another customer with the same email alone', async () => {
    const harness = testApp();
    const scim = await createScimCustomer(harness);
    const other = await createScimCustomer(harness);
    const email = 'shared.person@customer.example';
    await createCustomerAdmin(harness.database.db, harness.partnerId, other.customerId, email);
    const created = await scim.request('POST', '/Users', scimUser(email, { active: false }));
    expect(created.statusCode, created.body).toBe(201);
    expect((await signIn(harness, email)).statusCode).toBe(200);
  });
});
