import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createScimCustomer, ERROR_SCHEMA, GROUP_SCHEMA, PATCH_OP, scimUser } from './scim-harness.ts';
import type { ScimCustomer } from './scim-harness.ts';

const testApp = useTestApp();
const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';

async function userId(scim: ScimCustomer, userName: string): Promise<string> {
  const response = await scim.request('POST', '/Users', scimUser(userName));
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { id: string }).id;
}

async function memberIds(scim: ScimCustomer, groupId: string): Promise<string[]> {
  const group = (await scim.request('GET', `/Groups/${groupId}`)).json() as { members: { value: string }[] };
  return group.members.map((member) => member.value).sort();
}

describe('SCIM Groups', () => {
  it("keeps members to the customer's users and never wipes a group on Entra's member removal", async () => {
    const scim = await createScimCustomer(testApp());
    const other = await createScimCustomer(testApp());
    const [a, b, c] = [
      await userId(scim, 'a@g.example'),
      await userId(scim, 'b@g.example'),
      await userId(scim, 'c@g.example'),
    ];
    const foreign = await userId(other, 'x@other.example');

    const created = await scim.request('POST', '/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: 'Sales',
      members: [{ value: a }, { value: b }, { value: c }, { value: foreign }, { value: 'not-a-user' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const groupId = (created.json() as { id: string }).id;
    expect(await memberIds(scim, groupId)).toEqual([a, b, c].sort());

    const removal = await scim.request('PATCH', `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Remove', path: 'members', value: [{ value: b }] }],
    });
    expect(removal.statusCode, removal.body).toBe(204);
    expect(await memberIds(scim, groupId)).toEqual([a, c].sort());

    const unknownRemoval = await scim.request('PATCH', `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Remove', path: 'members', value: [{ value: foreign }] }],
    });
    expect(unknownRemoval.statusCode).toBe(204);
    expect(await memberIds(scim, groupId)).toEqual([a, c].sort());

    // The other customer's token cannot see the group.
    expect((await other.request('GET', `/Groups/${groupId}`)).statusCode).toBe(404);

    // Deleting a user removes it from its groups.
    expect((await scim.request('DELETE', `/Users/${a}`)).statusCode).toBe(204);
    expect(await memberIds(scim, groupId)).toEqual([c]);

    const put = await scim.request('PUT', `/Groups/${groupId}`, {
      schemas: [GROUP_SCHEMA],
      displayName: 'Renamed',
      members: [{ value: b }],
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ displayName: 'Renamed', members: [{ value: b, type: 'User' }] });

    const noName = await scim.request('POST', '/Groups', { schemas: [GROUP_SCHEMA] });
    expect(noName.json()).toMatchObject({ schemas: [ERROR_SCHEMA], scimType: 'invalidValue', status: '400' });
  });
});

describe('SCIM Bulk', () => {
  it('runs operations in order, resolves bulkId and reports errors per operation', async () => {
    const scim = await createScimCustomer(testApp());
    const response = await scim.request('POST', '/Bulk', {
      schemas: [BULK],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'u1', data: scimUser('bulk1@b.example') },
        { method: 'POST', path: '/Users', bulkId: 'u2', data: scimUser('bulk1@b.example') },
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'g1',
          data: { schemas: [GROUP_SCHEMA], displayName: 'G', members: [{ value: 'bulkId:u1' }] },
        },
        {
          method: 'PATCH',
          path: '/Users/bulkId:u1',
          data: {
            schemas: [PATCH_OP],
            Operations: [{ op: 'replace', path: 'displayName', value: 'Bulk One' }],
          },
        },
      ],
    });
    expect(response.statusCode, response.body).toBe(200);
    const operations = (
      response.json() as {
        Operations: { status: string; location?: string; response?: { scimType?: string } }[];
      }
    ).Operations;
    expect(operations.map((operation) => operation.status)).toEqual(['201', '409', '201', '204']);
    expect(operations[1]?.response?.scimType).toBe('uniqueness');
    const groupLocation = operations[2]?.location ?? '';
    const group = (await scim.request('GET', `/Groups/${groupLocation.split('/').at(-1)}`)).json() as {
      members: { display: string }[];
    };
    expect(group.members).toEqual([expect.objectContaining({ display: 'Bulk One' })]);
  });

  it('stops after failOnErrors and refuses more than 100 operations', async () => {
    const scim = await createScimCustomer(testApp());
    const failing = await scim.request('POST', '/Bulk', {
      schemas: [BULK],
      failOnErrors: 1,
      Operations: [
        { method: 'DELETE', path: '/Users/00000000-0000-4000-8000-000000000000' },
        { method: 'POST', path: '/Users', bulkId: 'late', data: scimUser('late@b.example') },
      ],
    });
    expect((failing.json() as { Operations: unknown[] }).Operations).toHaveLength(1);
    expect(
      (
        await scim.request('GET', `/Users?filter=${encodeURIComponent('userName eq "late@b.example"')}`)
      ).json(),
    ).toMatchObject({ totalResults: 0 });

    const tooMany = await scim.request('POST', '/Bulk', {
      schemas: [BULK],
      Operations: Array.from({ length: 101 }, (_, index) => ({
        method: 'POST',
        path: '/Users',
        bulkId: `b${index}`,
        data: scimUser(`b${index}@b.example`),
      })),
    });
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '413' });
  });
});

describe('SCIM discovery, media types and errors', () => {
  it('serves ServiceProviderConfig (also at /serviceConfiguration), ResourceTypes and Schemas', async () => {
    const scim = await createScimCustomer(testApp());
    for (const path of ['/ServiceProviderConfig', '/serviceConfiguration']) {
      const response = await scim.request('GET', path);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        patch: { supported: true },
        bulk: { supported: true, maxOperations: 100 },
        filter: { supported: true },
        etag: { supported: true },
      });
    }
    const types = (await scim.request('GET', '/ResourceTypes')).json() as {
      Resources: { endpoint: string }[];
    };
    expect(types.Resources.map((type) => type.endpoint)).toEqual(['/Users', '/Groups']);
    const schemas = await scim.request('GET', '/Schemas');
    expect(schemas.body).toContain('User Account');
    const one = await scim.request(
      'GET',
      '/Schemas/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
    );
    expect(one.json()).toMatchObject({ name: 'EnterpriseUser' });
  });

  it('accepts application/json, answers application/scim+json, and uses the error schema everywhere', async () => {
    const scim = await createScimCustomer(testApp());
    const json = await testApp().app.inject({
      method: 'POST',
      url: `${scim.base}/Users`,
      headers: { authorization: `Bearer ${scim.token}`, 'content-type': 'application/json' },
      payload: JSON.stringify(scimUser('json@m.example')),
    });
    expect(json.statusCode).toBe(201);
    expect(json.headers['content-type']).toMatch(/^application\/scim\+json/);
    const junk = await testApp().app.inject({
      method: 'POST',
      url: `${scim.base}/Users`,
      headers: { authorization: `Bearer ${scim.token}`, 'content-type': 'application/scim+json' },
      payload: '{"acve": tre,',
    });
    expect(junk.statusCode).toBe(400);
    expect(junk.json()).toMatchObject({ schemas: [ERROR_SCHEMA], scimType: 'invalidSyntax', status: '400' });
    const missing = await scim.request('GET', '/Nope');
    expect(missing.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '404' });
    const badPatch = await scim.request('PATCH', `/Users/${(json.json() as { id: string }).id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'remove' }],
    });
    expect(badPatch.json()).toMatchObject({ scimType: 'noTarget', status: '400' });
  });

  it('audits every change with the SCIM token as actor', async () => {
    const scim = await createScimCustomer(testApp());
    const id = await userId(scim, 'audited@a.example');
    await scim.request('PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    });
    await scim.request('DELETE', `/Users/${id}`);
    const rows = await testApp()
      .database.db.selectFrom('audit_events')
      .select(['action', 'actor_type', 'actor_label'])
      .where('customer_id', '=', scim.customerId)
      .where('target_id', '=', id)
      .orderBy('id')
      .execute();
    expect(rows.map((row) => row.action)).toEqual([
      'user.create',
      'scim.user.create',
      'scim.user.replace',
      'user.delete',
    ]);
    expect(new Set(rows.map((row) => row.actor_type))).toEqual(new Set(['scim_token']));
    expect(rows[0]?.actor_label).toContain('SCIM token Entra');
  });
});

describe('SCIM admin routes', () => {
  it('enables and disables sync, rotates and revokes tokens, for the customer only', async () => {
    const scim = await createScimCustomer(testApp());
    const auth = testApp().auth(testApp().tokens.partnerFull);
    const url = `/v1/customers/${scim.customerId}`;
    const state = await testApp().app.inject({ method: 'GET', url: `${url}/directory-sync`, headers: auth });
    expect(state.json()).toEqual({
      customerId: scim.customerId,
      enabled: true,
      scimBasePath: `/scim/v2/${scim.customerId}`,
    });
    const list = (
      await testApp().app.inject({ method: 'GET', url: `${url}/scim-tokens`, headers: auth })
    ).json() as { items: { id: string }[] };
    const tokenId = list.items[0]?.id ?? '';
    const rotated = await testApp().app.inject({
      method: 'POST',
      url: `${url}/scim-tokens/${tokenId}/rotate`,
      headers: auth,
    });
    expect(rotated.statusCode).toBe(201);
    const fresh = (rotated.json() as { token: string }).token;
    expect((await scim.request('GET', '/Users')).statusCode).toBe(401);
    const withFresh = await testApp().app.inject({
      method: 'GET',
      url: `${scim.base}/Users`,
      headers: { authorization: `Bearer ${fresh}` },
    });
    expect(withFresh.statusCode).toBe(200);
    const readonly = await testApp().app.inject({
      method: 'POST',
      url: `${url}/scim-tokens`,
      headers: testApp().auth(testApp().tokens.partnerReadonly),
      payload: {},
    });
    expect(readonly.statusCode).toBe(403);
    const off = await testApp().app.inject({
      method: 'PUT',
      url: `${url}/directory-sync`,
      headers: auth,
      payload: { enabled: false },
    });
    expect(off.json()).toMatchObject({ enabled: false });
    const blocked = await testApp().app.inject({
      method: 'GET',
      url: `${scim.base}/Users`,
      headers: { authorization: `Bearer ${fresh}` },
    });
    expect(blocked.statusCode).toBe(403);
    const audit = await testApp()
      .database.db.selectFrom('audit_events')
      .select('action')
      .where('customer_id', '=', scim.customerId)
      .where('action', 'like', '%sync%')
      .execute();
    expect(audit.map((row) => row.action).sort()).toEqual([
      'directory_sync.disable',
      'directory_sync.enable',
    ]);
  });
});
