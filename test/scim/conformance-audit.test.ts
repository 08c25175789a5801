// Conformance audit: requests real provisioning clients send (Entra ID, Okta) and RFC 7643/7644 rules
// that Microsoft's collection does not exercise.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import {
  createScimCustomer,
  ENTERPRISE,
  ERROR_SCHEMA,
  GROUP_SCHEMA,
  PATCH_OP,
  PRODUCT,
  scimUser,
  USER_SCHEMA,
} from './scim-harness.ts';
import type { ScimCustomer } from './scim-harness.ts';

const testApp = useTestApp();

interface UserResource {
  id: string;
  userName: string;
  active: boolean;
  emails?: { value: string; type?: string; primary?: boolean }[];
  name?: Record<string, string>;
  meta: { version: string; location: string; lastModified: string };
  [key: string]: unknown;
}

interface ListBody {
  totalResults: number;
  itemsPerPage: number;
  startIndex: number;
  Resources: UserResource[];
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

async function list(scim: ScimCustomer, path: string): Promise<ListBody> {
  const response = await scim.request('GET', path);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as ListBody;
}

const q = (filter: string): string => `filter=${encodeURIComponent(filter)}`;

describe('SCIM conformance: Entra ID PATCH quirks', () => {
  it('applies a path-less value with dotted and URN-qualified keys, including the manager', async () => {
    const scim = await createScimCustomer(testApp());
    const user = await create(scim, 'pathless@example.org');
    const patch = await scim.request('PATCH', `/Users/${user.id}`, {
      schemas: [PATCH_OP],
      Operations: [
        {
          op: 'Replace',
          value: {
            'name.givenName': 'Paula',
            active: 'False',
            [`${ENTERPRISE}:department`]: 'Finance',
            [`${ENTERPRISE}:manager`]: 'mgr-7',
          },
        },
        { op: 'Add', path: 'emails[type eq "home"].value', value: 'paula@home.example' },
      ],
    });
    expect(patch.statusCode, patch.body).toBe(204);
    const after = (await scim.request('GET', `/Users/${user.id}`)).json() as UserResource;
    expect(after).toMatchObject({
      active: false,
      name: { givenName: 'Paula' },
      [ENTERPRISE]: { department: 'Finance', manager: { value: 'mgr-7' } },
    });
    expect(after.emails).toContainEqual({ type: 'home', value: 'paula@home.example' });
    const removeManager = await scim.request('PATCH', `/Users/${user.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Remove', path: `${ENTERPRISE}:manager` }],
    });
    expect(removeManager.statusCode, removeManager.body).toBe(204);
    const cleared = (await scim.request('GET', `/Users/${user.id}`)).json() as UserResource;
    expect(cleared[ENTERPRISE]).toEqual({ department: 'Finance' });
  });

  it('changes the identity email through emails[type eq "work"].value', async () => {
    const scim = await createScimCustomer(testApp());
    const user = await create(scim, 'u-123', {
      emails: [{ value: 'old@example.org', type: 'work', primary: true }],
    });
    const patch = await scim.request('PATCH', `/Users/${user.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'emails[type eq "work"].value', value: 'new@example.org' }],
    });
    expect(patch.statusCode, patch.body).toBe(204);
    const found = await list(scim, `/Users?${q('emails.value eq "new@example.org"')}`);
    expect(found.totalResults).toBe(1);
  });

  it('removes a group member with a filter path, ignoring unknown ids and repeats', async () => {
    const scim = await createScimCustomer(testApp());
    const a = await create(scim, 'ga@example.org');
    const b = await create(scim, 'gb@example.org');
    const group = await scim.request('POST', '/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: 'Team',
      members: [{ value: a.id }],
    });
    expect(group.statusCode, group.body).toBe(201);
    const id = (group.json() as { id: string }).id;
    const add = await scim.request('PATCH', `/Groups/${id}`, {
      schemas: [PATCH_OP],
      Operations: [
        {
          op: 'Add',
          path: 'members',
          value: [{ value: a.id }, { value: b.id }, { value: '00000000-0000-4000-8000-000000000000' }],
        },
      ],
    });
    expect(add.statusCode, add.body).toBe(204);
    let members = ((await scim.request('GET', `/Groups/${id}`)).json() as { members: { value: string }[] })
      .members;
    expect(members.map((m) => m.value).sort()).toEqual([a.id, b.id].sort());
    for (let i = 0; i < 2; i++) {
      const remove = await scim.request('PATCH', `/Groups/${id}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'Remove', path: `members[value eq "${a.id}"]` }],
      });
      expect(remove.statusCode, remove.body).toBe(204);
    }
    members = ((await scim.request('GET', `/Groups/${id}`)).json() as { members: { value: string }[] })
      .members;
    expect(members.map((m) => m.value)).toEqual([b.id]);
    const lean = await scim.request(
      'GET',
      `/Groups?${q('displayName eq "Team"')}&excludedAttributes=members`,
    );
    expect(lean.statusCode).toBe(200);
    expect((lean.json() as { Resources: Record<string, unknown>[] }).Resources[0]?.members).toBeUndefined();
  });
});

describe('SCIM conformance: Okta', () => {
  it('looks a user up by unencoded filter, deactivates and reactivates by PUT', async () => {
    const scim = await createScimCustomer(testApp());
    const user = await create(scim, 'okta.user@example.org');
    const lookup = await testApp().app.inject({
      method: 'GET',
      url: `${scim.base}/Users?filter=userName%20eq%20%22Okta.User@example.org%22&startIndex=1&count=100`,
      headers: { authorization: `Bearer ${scim.token}`, 'user-agent': 'Okta SCIM Client 1.0.0' },
    });
    expect(lookup.json()).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    const off = await scim.request(
      'PUT',
      `/Users/${user.id}`,
      { ...scimUser('okta.user@example.org'), id: user.id, active: false },
      { 'user-agent': 'Okta SCIM Client 1.0.0' },
    );
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ active: false, [PRODUCT]: { package: 'webex_meetings' } });
    const on = await scim.request('PUT', `/Users/${user.id}`, scimUser('okta.user@example.org'));
    expect(on.json()).toMatchObject({ active: true });
  });
});

describe('SCIM conformance: filters', () => {
  it('supports and/or/not, pr, sw, co, gt on meta.lastModified, any-case names and complex value filters', async () => {
    const scim = await createScimCustomer(testApp());
    const ann = await create(scim, 'ann@f.example', { title: 'Boss', externalId: 'Ext-A' });
    await create(scim, 'bob@f.example', { emails: [{ value: 'bob@f.example', type: 'work' }] });
    await create(scim, 'cyd@f.example', { active: false });
    const total = async (filter: string) => (await list(scim, `/Users?${q(filter)}`)).totalResults;
    expect(await total('title pr')).toBe(1);
    expect(await total('not (title pr)')).toBe(2);
    expect(await total('USERNAME SW "A" or userName co "YD"')).toBe(2);
    expect(await total('active eq false')).toBe(1);
    expect(await total('active eq true and userName ew "@f.example"')).toBe(2);
    expect(await total('meta.lastModified gt "2000-01-01T00:00:00Z"')).toBe(3);
    expect(await total(`meta.lastModified gt "${ann.meta.lastModified}"`)).toBe(2);
    expect(await total('emails[type eq "work" and value co "@"]')).toBe(3);
    expect(await total('Emails[Type eq "work"]')).toBe(3);
    expect(await total('externalId eq "Ext-A"')).toBe(1);
    // externalId is caseExact (RFC 7643 §3.1)
    expect(await total('externalId eq "ext-a"')).toBe(0);
    expect(await total(`id eq "${ann.id}"`)).toBe(1);
  });
});

describe('SCIM conformance: attributes and paging', () => {
  it('projects POST, PUT and PATCH answers and always returns id', async () => {
    const scim = await createScimCustomer(testApp());
    const post = await scim.request('POST', '/Users?attributes=userName', scimUser('proj@example.org'));
    expect(post.statusCode).toBe(201);
    const created = post.json() as UserResource;
    expect(Object.keys(created).sort()).toEqual(['id', 'schemas', 'userName']);
    const put = await scim.request(
      'PUT',
      `/Users/${created.id}?excludedAttributes=emails,id`,
      scimUser('proj@example.org'),
    );
    expect(put.json()).toHaveProperty('id', created.id);
    expect(put.json()).not.toHaveProperty('emails');
    const patch = await scim.request('PATCH', `/Users/${created.id}?attributes=title`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'add', path: 'title', value: 'Dr' }],
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json()).toMatchObject({ id: created.id, title: 'Dr' });
  });

  it('treats startIndex 0 or negative as 1, negative count as 0, and count beyond the end', async () => {
    const scim = await createScimCustomer(testApp());
    for (const name of ['a', 'b', 'c']) await create(scim, `${name}@page2.example`);
    expect(await list(scim, '/Users?startIndex=0&count=2')).toMatchObject({
      startIndex: 1,
      itemsPerPage: 2,
      totalResults: 3,
    });
    expect(await list(scim, '/Users?startIndex=-5')).toMatchObject({ startIndex: 1, itemsPerPage: 3 });
    expect(await list(scim, '/Users?count=-1')).toMatchObject({ itemsPerPage: 0, totalResults: 3 });
    expect(await list(scim, '/Users?startIndex=3&count=10')).toMatchObject({ itemsPerPage: 1 });
    const bad = await scim.request('GET', '/Users?count=ten');
    expect([200, 400]).toContain(bad.statusCode);
  });
});

describe('SCIM conformance: ETags, schemas, errors, content types', () => {
  it('handles If-Match on DELETE and PATCH, strong spelling and *', async () => {
    const scim = await createScimCustomer(testApp());
    const user = await create(scim, 'etag@example.org');
    const bare = user.meta.version.replace(/^W\//, '');
    const strong = await scim.request(
      'PATCH',
      `/Users/${user.id}`,
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'x' }] },
      { 'if-match': bare },
    );
    expect(strong.statusCode).toBe(204);
    const stale = await scim.request('DELETE', `/Users/${user.id}`, undefined, { 'if-match': bare });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '412' });
    const current = (await scim.request('GET', `/Users/${user.id}`)).json() as UserResource;
    for (const tags of ['*', `W/"0.0", ${current.meta.version}`]) {
      const cached = await scim.request('GET', `/Users/${user.id}`, undefined, { 'if-none-match': tags });
      expect(cached.statusCode, tags).toBe(304);
    }
    const miss = await scim.request('GET', `/Users/${user.id}`, undefined, { 'if-none-match': 'W/"0.0"' });
    expect(miss.statusCode).toBe(200);
    const star = await scim.request('DELETE', `/Users/${user.id}`, undefined, { 'if-match': '*' });
    expect(star.statusCode).toBe(204);
  });

  it('refuses a body with a missing or foreign schema', async () => {
    const scim = await createScimCustomer(testApp());
    const groupSchema = await scim.request('POST', '/Users', {
      ...scimUser('wrong@example.org'),
      schemas: [GROUP_SCHEMA],
    });
    expect(groupSchema.statusCode).toBe(400);
    expect(groupSchema.json()).toMatchObject({ schemas: [ERROR_SCHEMA], scimType: 'invalidSyntax' });
    const userToGroups = await scim.request('POST', '/Groups', {
      schemas: [USER_SCHEMA],
      displayName: 'X',
    });
    expect(userToGroups.statusCode).toBe(400);
    expect(userToGroups.json()).toMatchObject({ scimType: 'invalidSyntax' });
  });

  it('answers /Me with 501 and an unknown or malformed id with 404, in the error schema', async () => {
    const scim = await createScimCustomer(testApp());
    const me = await scim.request('GET', '/Me');
    expect(me.statusCode).toBe(501);
    expect(me.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '501' });
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      for (const kind of ['Users', 'Groups']) {
        const got = await scim.request('GET', `/${kind}/${id}`);
        expect(got.statusCode, `${kind}/${id} ${got.body}`).toBe(404);
        expect(got.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '404' });
        const patch = await scim.request('PATCH', `/${kind}/${id}`, {
          schemas: [PATCH_OP],
          Operations: [{ op: 'replace', path: 'displayName', value: 'x' }],
        });
        expect(patch.statusCode, `${kind}/${id} ${patch.body}`).toBe(404);
        const del = await scim.request('DELETE', `/${kind}/${id}`);
        expect(del.statusCode, `${kind}/${id} ${del.body}`).toBe(404);
      }
    }
  });

  it('accepts scim+json and json with a charset, and refuses a non-JSON body in the error schema', async () => {
    const scim = await createScimCustomer(testApp());
    for (const type of ['application/scim+json; charset=utf-8', 'application/json; charset=UTF-8']) {
      const response = await testApp().app.inject({
        method: 'POST',
        url: `${scim.base}/Users`,
        headers: { authorization: `Bearer ${scim.token}`, 'content-type': type },
        payload: JSON.stringify(scimUser(`ct${type.length}@example.org`)),
      });
      expect(response.statusCode, `${type} ${response.body}`).toBe(201);
    }
    const text = await testApp().app.inject({
      method: 'POST',
      url: `${scim.base}/Users`,
      headers: { authorization: `Bearer ${scim.token}`, 'content-type': 'text/plain' },
      payload: 'hello',
    });
    // Not JSON: 415 Unsupported Media Type in the error schema (test/api/scim-media-types.test.ts).
    expect(text.statusCode).toBe(415);
    expect(text.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '415' });
    const broken = await scim.request('POST', '/Users', undefined, { 'content-type': 'application/json' });
    expect(broken.statusCode).toBeGreaterThanOrEqual(400);
  });

  it('answers 403 with the error schema when sync is off', async () => {
    const scim = await createScimCustomer(testApp());
    await testApp().app.inject({
      method: 'DELETE',
      url: `/v1/customers/${scim.customerId}/directory-sync`,
      headers: testApp().auth(testApp().tokens.partnerFull),
    });
    const refused = await scim.request('GET', '/Users');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '403' });
    const bad = await testApp().app.inject({
      method: 'GET',
      url: `${scim.base}/Users`,
      headers: { authorization: 'Bearer nonsense' },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.headers['www-authenticate']).toBeDefined();
    expect(bad.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '401' });
  });
});

describe('SCIM conformance: uniqueness', () => {
  it('refuses a PUT or PATCH that takes another userName in another case', async () => {
    const scim = await createScimCustomer(testApp());
    await create(scim, 'Taken@u.example');
    const other = await create(scim, 'free@u.example');
    const put = await scim.request(
      'PUT',
      `/Users/${other.id}`,
      scimUser('other-name', {
        emails: [{ value: 'free@u.example', primary: true }],
      }),
    );
    expect(put.statusCode, put.body).toBe(200);
    const clash = await scim.request('PATCH', `/Users/${other.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: 'userName', value: 'OTHER-NAME' }],
    });
    expect(clash.statusCode, clash.body).toBe(204);
    const taken = await scim.request(
      'PUT',
      `/Users/${other.id}`,
      scimUser('taken@U.EXAMPLE', {
        emails: [{ value: 'free@u.example', primary: true }],
      }),
    );
    expect(taken.statusCode, taken.body).toBe(409);
    expect(taken.json()).toMatchObject({ scimType: 'uniqueness', status: '409' });
  });
});

describe('SCIM conformance: tenancy', () => {
  it("never reaches another customer's users or groups", async () => {
    const mine = await createScimCustomer(testApp());
    const theirs = await createScimCustomer(testApp());
    const victim = await create(theirs, 'victim@t.example');
    const theirGroup = await theirs.request('POST', '/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: 'Theirs',
      members: [{ value: victim.id }],
    });
    const groupId = (theirGroup.json() as { id: string }).id;
    for (const [method, path, body] of [
      ['GET', `/Users/${victim.id}`, undefined],
      ['PUT', `/Users/${victim.id}`, scimUser('victim@t.example')],
      [
        'PATCH',
        `/Users/${victim.id}`,
        { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] },
      ],
      ['DELETE', `/Users/${victim.id}`, undefined],
      ['GET', `/Groups/${groupId}`, undefined],
      [
        'PATCH',
        `/Groups/${groupId}`,
        { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: victim.id }] }] },
      ],
      ['DELETE', `/Groups/${groupId}`, undefined],
    ] as const) {
      const response = await mine.request(method, path, body);
      expect(response.statusCode, `${method} ${path}`).toBe(404);
    }
    expect((await list(mine, `/Users?${q(`id eq "${victim.id}"`)}`)).totalResults).toBe(0);
    expect((await list(mine, `/Users?${q('userName eq "victim@t.example"')}`)).totalResults).toBe(0);
    expect((await list(mine, '/Groups')).totalResults).toBe(0);
    const myGroup = await mine.request('POST', '/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: 'Mine',
      members: [{ value: victim.id }],
    });
    expect(myGroup.statusCode).toBe(201);
    expect(myGroup.json()).toMatchObject({ members: [] });
    const bulk = await mine.request('POST', '/Bulk', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      Operations: [{ method: 'DELETE', path: `/Users/${victim.id}` }],
    });
    expect(bulk.json()).toMatchObject({ Operations: [{ status: '404' }] });
    // Their token on my URL.
    const cross = await testApp().app.inject({
      method: 'GET',
      url: `${mine.base}/Users`,
      headers: { authorization: `Bearer ${theirs.token}` },
    });
    expect(cross.statusCode).toBe(401);
    // An admin API token is no SCIM token, and a SCIM token opens no admin API.
    const apiToken = await testApp().app.inject({
      method: 'GET',
      url: `${mine.base}/Users`,
      headers: testApp().auth(testApp().tokens.partnerFull),
    });
    expect(apiToken.statusCode).toBe(401);
    for (const url of [
      `/v1/customers/${mine.customerId}/users`,
      `/v1/customers/${theirs.customerId}/users`,
      '/v1/customers',
    ]) {
      const adminApi = await testApp().app.inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${mine.token}` },
      });
      expect(adminApi.statusCode, url).toBe(401);
    }
    expect((await theirs.request('GET', `/Users/${victim.id}`)).json()).toMatchObject({ active: true });
  });
});

describe('SCIM conformance: Bulk', () => {
  it('resolves bulkId references in group members and reports an unknown bulkId', async () => {
    const scim = await createScimCustomer(testApp());
    const bulk = await scim.request('POST', '/Bulk', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      failOnErrors: 2,
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'u1', data: scimUser('bulk1@example.org') },
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'g1',
          data: { schemas: [GROUP_SCHEMA], displayName: 'B', members: [{ value: 'bulkId:u1' }] },
        },
        {
          method: 'PATCH',
          path: '/Users/bulkId:nope',
          data: { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'title', value: 'x' }] },
        },
      ],
    });
    expect(bulk.statusCode, bulk.body).toBe(200);
    const ops = (bulk.json() as { Operations: { status: string; location?: string; response?: unknown }[] })
      .Operations;
    expect(ops.map((op) => op.status)).toEqual(['201', '201', expect.stringMatching(/^4/)]);
    const group = (await scim.request('GET', `/Groups/${ops[1]?.location?.split('/').at(-1)}`)).json() as {
      members: { value: string }[];
    };
    expect(group.members).toHaveLength(1);
  });
});

describe('SCIM conformance: a customer that is not settled', () => {
  it.each(['provisioning', 'updating', 'deleting', 'error'] as const)(
    'refuses user changes while the customer is %s, as the admin API does, with a retryable 503',
    async (status) => {
      const harness = testApp();
      const scim = await createScimCustomer(harness);
      const user = await create(scim, `settled-${status}@busy.example`);
      await harness.database.db
        .updateTable('customers')
        .set({ status })
        .where('id', '=', scim.customerId)
        .execute();
      const attempts = [
        await scim.request('POST', '/Users', scimUser(`new-${status}@busy.example`)),
        await scim.request('PUT', `/Users/${user.id}`, scimUser(user.userName, { title: 'x' })),
        await scim.request('PATCH', `/Users/${user.id}`, {
          schemas: [PATCH_OP],
          Operations: [{ op: 'replace', path: 'active', value: false }],
        }),
        await scim.request('DELETE', `/Users/${user.id}`),
      ];
      for (const response of attempts) {
        expect(response.statusCode, response.body).toBe(503);
        expect(response.headers['retry-after']).toBeDefined();
        expect(response.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '503' });
      }
      // Reading still works, and nothing changed.
      expect((await scim.request('GET', `/Users/${user.id}`)).json()).toMatchObject({ active: true });
      expect((await list(scim, '/Users')).totalResults).toBe(1);
    },
  );
});

describe('SCIM conformance: primary values', () => {
  it('keeps one primary email when a body marks two, and the identity email is the first', async () => {
    const scim = await createScimCustomer(testApp());
    const created = await scim.request(
      'POST',
      '/Users',
      scimUser('two-primaries', {
        emails: [
          { value: 'first@prim.example', type: 'work', primary: true },
          { value: 'second@prim.example', type: 'home', primary: true },
        ],
      }),
    );
    expect(created.statusCode, created.body).toBe(201);
    expect((created.json() as UserResource).emails).toEqual([
      { value: 'first@prim.example', type: 'work', primary: true },
      { value: 'second@prim.example', type: 'home', primary: false },
    ]);
    const admin = await testApp().app.inject({
      method: 'GET',
      url: `/v1/customers/${scim.customerId}/users/${(created.json() as UserResource).id}`,
      headers: testApp().auth(testApp().tokens.partnerFull),
    });
    expect(admin.json()).toMatchObject({ email: 'first@prim.example' });
  });
});

describe('SCIM conformance: filter size', () => {
  it('refuses a filter nested beyond reason with 400 invalidFilter, not 500', async () => {
    const scim = await createScimCustomer(testApp());
    const response = await scim.request('POST', '/Users/.search', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: `${'('.repeat(20_000)}userName pr${')'.repeat(20_000)}`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ schemas: [ERROR_SCHEMA], scimType: 'invalidFilter' });
  });
});

describe('SCIM conformance: PATCH size', () => {
  it('refuses more than 1000 operations in one PATCH, and merges a large member list', async () => {
    const scim = await createScimCustomer(testApp());
    const user = await create(scim, 'many-ops@size.example');
    const tooMany = await scim.request('PATCH', `/Users/${user.id}`, {
      schemas: [PATCH_OP],
      Operations: Array.from({ length: 1001 }, (_, i) => ({ op: 'replace', path: 'title', value: `t${i}` })),
    });
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json()).toMatchObject({ schemas: [ERROR_SCHEMA], scimType: 'tooMany', status: '413' });
    const group = await scim.request('POST', '/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: 'Big',
      members: [{ value: user.id }],
    });
    const groupId = (group.json() as { id: string }).id;
    // 20 000 unknown ids (ignored, SPEC §7) plus the one member again: one member stays.
    const unknown = Array.from({ length: 20_000 }, (_, i) => ({
      value: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    }));
    const add = await scim.request('PATCH', `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Add', path: 'members', value: [...unknown, { value: user.id }] }],
    });
    expect(add.statusCode, add.body).toBe(204);
    const after = (await scim.request('GET', `/Groups/${groupId}`)).json() as {
      members: { value: string }[];
    };
    expect(after.members.map((member) => member.value)).toEqual([user.id]);
  });
});

describe('SCIM conformance: nesting', () => {
  it('refuses an unmodelled attribute nested beyond reason with 400 invalidValue, not 500', async () => {
    const scim = await createScimCustomer(testApp());
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const body = JSON.stringify(scimUser('deep@nest.example')).replace(
      '"active":true',
      `"active":true,"addresses":[{"country":"NL","x":${deep}}]`,
    );
    const response = await testApp().app.inject({
      method: 'POST',
      url: `${scim.base}/Users`,
      headers: { authorization: `Bearer ${scim.token}`, 'content-type': 'application/scim+json' },
      payload: body,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '400' });
  });
});

describe('SCIM conformance: Bulk maxPayloadSize', () => {
  it('holds without a Content-Length (chunked), as ServiceProviderConfig says', async () => {
    const scim = await createScimCustomer(testApp());
    const body = JSON.stringify({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      Operations: [
        {
          method: 'POST',
          path: '/Users',
          bulkId: 'big',
          data: scimUser('big@bulk.example', { nickName: 'x'.repeat(1_100_000) }),
        },
      ],
    });
    const response = await testApp().app.inject({
      method: 'POST',
      url: `${scim.base}/Bulk`,
      headers: {
        authorization: `Bearer ${scim.token}`,
        'content-type': 'application/scim+json',
        'transfer-encoding': 'chunked',
      },
      payload: Readable.from([body]),
    });
    expect(response.statusCode, response.body.slice(0, 200)).toBe(413);
    expect(response.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '413' });
  });
});
