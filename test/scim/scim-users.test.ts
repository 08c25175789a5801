import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createScimCustomer, ENTERPRISE, ERROR_SCHEMA, PATCH_OP, PRODUCT, scimUser } from './scim-harness.ts';
import type { ScimCustomer } from './scim-harness.ts';

const testApp = useTestApp();

interface UserResource {
  id: string;
  userName: string;
  active: boolean;
  emails?: { value: string; type?: string; primary?: boolean }[];
  name?: Record<string, string>;
  meta: { version: string; location: string };
  [key: string]: unknown;
}

async function create(
  scim: ScimCustomer,
  userName: string,
  extra: Record<string, unknown> = {},
): Promise<UserResource> {
  const response = await scim.request('POST', '/Users', scimUser(userName, extra));
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as UserResource;
}

describe('SCIM Users', () => {
  it('creates a user whose identity email is the userName, with the default package', async () => {
    const scim = await createScimCustomer(testApp());
    const response = await scim.request(
      'POST',
      '/Users',
      scimUser('Ann@Example.org', { externalId: 'ext-1', addresses: [{ type: 'work', country: 'NL' }] }),
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.headers['content-type']).toContain('application/scim+json');
    const user = response.json() as UserResource;
    expect(response.headers.location).toBe(user.meta.location);
    expect(response.headers.etag).toBe(user.meta.version);
    expect(user).toMatchObject({
      userName: 'Ann@Example.org',
      externalId: 'ext-1',
      active: true,
      emails: [{ value: 'ann@example.org', primary: true, type: 'work' }],
      addresses: [{ type: 'work', country: 'NL' }],
      [PRODUCT]: { package: 'webex_meetings' },
    });
    const admin = await testApp().app.inject({
      method: 'GET',
      url: `/v1/customers/${scim.customerId}/users/${user.id}`,
      headers: testApp().auth(testApp().tokens.partnerFull),
    });
    expect(admin.statusCode).toBe(200);
    expect(admin.json()).toMatchObject({ email: 'ann@example.org', firstName: 'Given', lastName: 'Family' });
  });

  it('refuses a taken userName with 409 uniqueness and the SCIM error schema', async () => {
    const scim = await createScimCustomer(testApp());
    await create(scim, 'bob', { emails: [{ value: 'bob@example.org', primary: true }] });
    const again = await scim.request(
      'POST',
      '/Users',
      scimUser('BOB', { emails: [{ value: 'other@example.org', primary: true }] }),
    );
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ schemas: [ERROR_SCHEMA], scimType: 'uniqueness', status: '409' });
  });

  it('refuses a missing or invalid identity email with invalidValue, and a taken one with uniqueness', async () => {
    const scim = await createScimCustomer(testApp());
    const noEmail = await scim.request('POST', '/Users', scimUser('carl'));
    expect(noEmail.json()).toMatchObject({ scimType: 'invalidValue', status: '400' });
    const invalid = await scim.request(
      'POST',
      '/Users',
      scimUser('carl', { emails: [{ value: 'emailName357', type: 'work', primary: true }] }),
    );
    expect(invalid.json()).toMatchObject({ scimType: 'invalidValue', status: '400' });
    await create(scim, 'dora@example.org');
    const other = await createScimCustomer(testApp());
    const taken = await other.request(
      'POST',
      '/Users',
      scimUser('dora2', { emails: [{ value: 'DORA@example.org', primary: true }] }),
    );
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({
      scimType: 'uniqueness',
      detail: expect.stringContaining('already associated'),
    });
  });

  it('gets, replaces, patches and deletes a user', async () => {
    const scim = await createScimCustomer(testApp());
    const user = await create(scim, 'eve@example.org', {
      [ENTERPRISE]: { department: 'Sales', manager: { value: 'm-1' } },
    });
    const got = await scim.request('GET', `/Users/${user.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ [ENTERPRISE]: { department: 'Sales', manager: { value: 'm-1' } } });

    const put = await scim.request(
      'PUT',
      `/Users/${user.id}`,
      scimUser('eve@example.org', { displayName: 'Eve', name: { givenName: 'Eva' } }),
    );
    expect(put.statusCode, put.body).toBe(200);
    const replaced = put.json() as UserResource;
    expect(replaced.displayName).toBe('Eve');
    expect(replaced.name).toEqual({ givenName: 'Eva' });
    expect(replaced[ENTERPRISE]).toBeUndefined();

    const patch = await scim.request('PATCH', `/Users/${user.id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'Replace', path: 'active', value: 'False' },
        { op: 'Add', path: 'title', value: 'CEO' },
      ],
    });
    expect(patch.statusCode, patch.body).toBe(204);
    const after = (await scim.request('GET', `/Users/${user.id}`)).json() as UserResource;
    expect(after.active).toBe(false);
    expect(after.title).toBe('CEO');
    expect(after[PRODUCT]).toEqual({ package: 'webex_meetings' });

    const removed = await scim.request('DELETE', `/Users/${user.id}`);
    expect(removed.statusCode).toBe(204);
    expect((await scim.request('GET', `/Users/${user.id}`)).statusCode).toBe(404);
    // The email is free again.
    await create(scim, 'eve@example.org');
  });

  it('honours If-Match with 412 on a stale version', async () => {
    const scim = await createScimCustomer(testApp());
    const user = await create(scim, 'fay@example.org');
    const stale = user.meta.version;
    const ok = await scim.request(
      'PATCH',
      `/Users/${user.id}`,
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'F' }] },
      { 'if-match': stale },
    );
    expect(ok.statusCode).toBe(204);
    expect(ok.headers.etag).not.toBe(stale);
    const late = await scim.request('PUT', `/Users/${user.id}`, scimUser('fay@example.org'), {
      'if-match': stale,
    });
    expect(late.statusCode).toBe(412);
    expect(late.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '412' });
    const notModified = await scim.request('GET', `/Users/${user.id}`, undefined, {
      'if-none-match': String(ok.headers.etag),
    });
    expect(notModified.statusCode).toBe(304);
  });

  it('lists with filters, paging, sorting and attributes', async () => {
    const scim = await createScimCustomer(testApp());
    for (const [name, dept] of [
      ['gus', 'Ops'],
      ['hal', 'Sales'],
      ['ida', 'Sales'],
    ] as const) {
      await create(scim, `${name}@example.org`, {
        externalId: `x-${name}`,
        [ENTERPRISE]: { department: dept },
        emails: [
          { value: `${name}@example.org`, type: 'work' },
          { value: `${name}@home.net`, type: 'home' },
        ],
      });
    }
    const list = async (query: string) => {
      const response = await scim.request('GET', `/Users?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as {
        totalResults: number;
        itemsPerPage: number;
        startIndex: number;
        Resources: UserResource[];
      };
    };
    expect(
      (await list(`filter=${encodeURIComponent('userName eq "HAL@example.org"')}`)).Resources.map(
        (u) => u.userName,
      ),
    ).toEqual(['hal@example.org']);
    expect((await list(`filter=${encodeURIComponent('externalId eq "x-ida"')}`)).totalResults).toBe(1);
    expect(
      (await list(`filter=${encodeURIComponent(`${ENTERPRISE}:department eq "sales"`)}`)).totalResults,
    ).toBe(2);
    expect(
      (
        await list(
          `filter=${encodeURIComponent('emails[type eq "home" and value ew "home.net"] and not (userName sw "g")')}`,
        )
      ).totalResults,
    ).toBe(2);
    expect((await list(`filter=${encodeURIComponent('emails.value co "@home.net"')}`)).totalResults).toBe(3);
    const page = await list('startIndex=2&count=1&sortBy=userName&sortOrder=descending');
    expect(page).toMatchObject({ totalResults: 3, itemsPerPage: 1, startIndex: 2 });
    expect(page.Resources[0]?.userName).toBe('hal@example.org');
    const sortedInMemory = await list('sortBy=emails.value');
    expect(sortedInMemory.Resources.map((u) => u.userName)).toEqual([
      'gus@example.org',
      'hal@example.org',
      'ida@example.org',
    ]);
    const projected = await list('attributes=userName&count=1');
    expect(Object.keys(projected.Resources[0] ?? {}).sort()).toEqual(['id', 'schemas', 'userName']);
    const excluded = await list('excludedAttributes=emails,name');
    expect(excluded.Resources[0]?.emails).toBeUndefined();
    const bad = await scim.request('GET', `/Users?filter=${encodeURIComponent('userName eq')}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ scimType: 'invalidFilter', status: '400' });
  });

  it("needs the customer's token and sync enabled", async () => {
    const scim = await createScimCustomer(testApp());
    const other = await createScimCustomer(testApp());
    const wrong = await testApp().app.inject({
      method: 'GET',
      url: `${scim.base}/Users`,
      headers: { authorization: `Bearer ${other.token}` },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '401' });
    const none = await testApp().app.inject({ method: 'GET', url: `${scim.base}/Users` });
    expect(none.statusCode).toBe(401);
    const auth = testApp().auth(testApp().tokens.partnerFull);
    await testApp().app.inject({
      method: 'DELETE',
      url: `/v1/customers/${scim.customerId}/directory-sync`,
      headers: auth,
    });
    expect((await scim.request('GET', '/Users')).statusCode).toBe(403);
  });
});

describe('SCIM delete of the only full admin', () => {
  it('is refused (SPEC §3), while another user is removed', async () => {
    const scim = await createScimCustomer(testApp());
    const customer = await testApp()
      .database.db.selectFrom('customers')
      .select('partner_id')
      .where('id', '=', scim.customerId)
      .executeTakeFirstOrThrow();
    await testApp()
      .database.db.insertInto('admin_accounts')
      .values({
        partner_id: customer.partner_id,
        customer_id: scim.customerId,
        email: 'boss@admin.example',
        role: 'customer_full_admin',
        status: 'active',
      })
      .execute();
    const boss = await create(scim, 'boss@admin.example');
    const refused = await scim.request('DELETE', `/Users/${boss.id}`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      scimType: 'invalidValue',
      detail: expect.stringContaining('only full admin'),
    });
    expect((await scim.request('GET', `/Users/${boss.id}`)).statusCode).toBe(200);
  });
});

describe('SCIM list edge cases', () => {
  it('answers POST /.search like GET, count=0 with totals only, and an empty page past the end', async () => {
    const scim = await createScimCustomer(testApp());
    for (const name of ['p1', 'p2', 'p3']) await create(scim, `${name}@page.example`);
    const search = await scim.request('POST', '/Users/.search', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: 'userName sw "p"',
      sortBy: 'userName',
      sortOrder: 'descending',
      startIndex: 1,
      count: 2,
      attributes: ['userName'],
    });
    expect(search.statusCode, search.body).toBe(200);
    expect(search.json()).toMatchObject({
      totalResults: 3,
      itemsPerPage: 2,
      Resources: [{ userName: 'p3@page.example' }, { userName: 'p2@page.example' }],
    });
    const totalsOnly = (await scim.request('GET', '/Users?count=0')).json() as {
      totalResults: number;
      Resources: unknown[];
    };
    expect(totalsOnly).toMatchObject({ totalResults: 3, Resources: [] });
    const past = (await scim.request('GET', '/Users?startIndex=10')).json() as {
      totalResults: number;
      Resources: unknown[];
      startIndex: number;
    };
    expect(past).toMatchObject({ totalResults: 3, Resources: [], startIndex: 10 });
    const lower = await scim.request(
      'GET',
      `/users?filter=${encodeURIComponent('userName eq "p1@page.example"')}`,
    );
    expect(lower.json()).toMatchObject({ totalResults: 1 });
  });
});

describe('SCIM product extension', () => {
  it('sets package, location and extension through the same rules as the admin API', async () => {
    const scim = await createScimCustomer(testApp());
    const location = await testApp().app.inject({
      method: 'POST',
      url: `/v1/customers/${scim.customerId}/locations`,
      headers: testApp().auth(testApp().tokens.partnerFull),
      payload: { name: 'HQ', country: 'NL', timeZone: 'Europe/Amsterdam' },
    });
    expect(location.statusCode, location.body).toBe(201);
    const created = await scim.request(
      'POST',
      '/Users',
      scimUser('caller@p.example', {
        [PRODUCT]: { package: 'webex_calling', location: 'hq', extension: '1234' },
      }),
    );
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      [PRODUCT]: { package: 'webex_calling', location: 'HQ', extension: '1234' },
    });

    const missingLocation = await scim.request(
      'POST',
      '/Users',
      scimUser('nocall@p.example', { [PRODUCT]: { package: 'webex_calling' } }),
    );
    expect(missingLocation.statusCode).toBe(400);
    expect(missingLocation.json()).toMatchObject({ scimType: 'invalidValue' });

    const unknown = await scim.request(
      'POST',
      '/Users',
      scimUser('odd@p.example', { [PRODUCT]: { package: 'webex_gold' } }),
    );
    expect(unknown.json()).toMatchObject({ scimType: 'invalidValue', status: '400' });

    const takenExtension = await scim.request(
      'POST',
      '/Users',
      scimUser('twin@p.example', {
        [PRODUCT]: { package: 'webex_calling', location: 'HQ', extension: '1234' },
      }),
    );
    // An extension another user holds is a uniqueness conflict (SPEC §7 conflict 409; RFC 7644 §3.12).
    expect(takenExtension.statusCode).toBe(409);
    expect(takenExtension.json()).toMatchObject({ scimType: 'uniqueness' });

    // A forbidden change (professional calling → Calling Standard, SPEC §3) is refused by PATCH too.
    const id = (created.json() as { id: string }).id;
    const downgrade = await scim.request('PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: `${PRODUCT}:package`, value: 'webex_calling_standard' }],
    });
    expect(downgrade.statusCode).toBe(400);
    expect(downgrade.json()).toMatchObject({ scimType: 'invalidValue' });
  });
});
