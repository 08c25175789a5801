// SPEC §7 SCIM rules the other SCIM tests leave out: unknown member ids are ignored by every way
// of writing members (PATCH add, replace, path-less add, PUT), not only by create and remove; an
// unmodelled multi-valued attribute (`addresses`) is kept as given through the filtered
// sub-attribute paths Entra ID sends; a Bulk request's bulkId names one resource.
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createScimCustomer, GROUP_SCHEMA, PATCH_OP, scimUser } from './scim-harness.ts';
import type { ScimCustomer } from './scim-harness.ts';

const testApp = useTestApp();
const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

async function userId(scim: ScimCustomer, userName: string, extra: Record<string, unknown> = {}) {
  const response = await scim.request('POST', '/Users', scimUser(userName, extra));
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { id: string }).id;
}

async function memberIds(scim: ScimCustomer, groupId: string): Promise<string[]> {
  const group = (await scim.request('GET', `/Groups/${groupId}`)).json() as { members: { value: string }[] };
  return group.members.map((member) => member.value).sort();
}

describe('SCIM group members with unknown ids', () => {
  it('ignores them on PATCH add, replace, path-less add and PUT, keeping the known ones', async () => {
    const scim = await createScimCustomer(testApp());
    const other = await createScimCustomer(testApp());
    const a = await userId(scim, 'a@members.example');
    const b = await userId(scim, 'b@members.example');
    const foreign = await userId(other, 'x@members.example');
    const created = await scim.request('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Team' });
    expect(created.statusCode, created.body).toBe(201);
    const groupId = (created.json() as { id: string }).id;
    const patch = (operation: Record<string, unknown>) =>
      scim.request('PATCH', `/Groups/${groupId}`, { schemas: [PATCH_OP], Operations: [operation] });

    const added = await patch({
      op: 'add',
      path: 'members',
      value: [{ value: a }, { value: UNKNOWN_UUID }, { value: 'not-an-id' }, { value: foreign }],
    });
    expect(added.statusCode, added.body).toBe(204);
    expect(await memberIds(scim, groupId)).toEqual([a]);

    const pathless = await patch({ op: 'add', value: { members: [{ value: b }, { value: UNKNOWN_UUID }] } });
    expect(pathless.statusCode, pathless.body).toBe(204);
    expect(await memberIds(scim, groupId)).toEqual([a, b].sort());

    const replaced = await patch({
      op: 'replace',
      path: 'members',
      value: [{ value: b }, { value: foreign }],
    });
    expect(replaced.statusCode, replaced.body).toBe(204);
    expect(await memberIds(scim, groupId)).toEqual([b]);

    const put = await scim.request('PUT', `/Groups/${groupId}`, {
      schemas: [GROUP_SCHEMA],
      displayName: 'Team',
      members: [{ value: a }, { value: 'zzz' }, { value: groupId }],
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(await memberIds(scim, groupId)).toEqual([a]);
  });
});

describe('SCIM unmodelled attributes', () => {
  it('keeps addresses as given through filtered sub-attribute PATCH paths, in any case', async () => {
    const scim = await createScimCustomer(testApp());
    const given = {
      type: 'work',
      streetAddress: '1 Main St',
      locality: 'Amsterdam',
      country: 'NL',
      primary: true,
      custom: { kept: ['as', 'given'] },
    };
    const id = await userId(scim, 'addr@stored.example', { addresses: [given] });
    const addresses = async () =>
      (
        (await scim.request('GET', `/Users/${id}?attributes=addresses`)).json() as {
          addresses: Record<string, unknown>[];
        }
      ).addresses;
    expect(await addresses()).toEqual([given]);

    const patch = (operation: Record<string, unknown>) =>
      scim.request('PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: [operation] });
    expect(
      (await patch({ op: 'Replace', path: 'addresses[type eq "work"].streetAddress', value: '2 Side St' }))
        .statusCode,
    ).toBe(204);
    expect(
      (await patch({ op: 'Add', path: 'ADDRESSES[TYPE eq "home"].LOCALITY', value: 'Utrecht' })).statusCode,
    ).toBe(204);
    expect(await addresses()).toEqual([
      { ...given, streetAddress: '2 Side St' },
      { type: 'home', locality: 'Utrecht' },
    ]);

    expect((await patch({ op: 'remove', path: 'addresses[type eq "work"].custom' })).statusCode).toBe(204);
    expect((await patch({ op: 'remove', path: 'addresses[type eq "home"]' })).statusCode).toBe(204);
    const { custom: _removed, ...rest } = given;
    expect(await addresses()).toEqual([{ ...rest, streetAddress: '2 Side St' }]);
  });
});

describe('SCIM Bulk bulkId', () => {
  it('refuses a second POST under a bulkId already taken; references name the first resource', async () => {
    const scim = await createScimCustomer(testApp());
    const response = await scim.request('POST', '/Bulk', {
      schemas: [BULK],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'u', data: scimUser('first@bulk.example') },
        { method: 'POST', path: '/Users', bulkId: 'u', data: scimUser('second@bulk.example') },
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'g',
          data: { schemas: [GROUP_SCHEMA], displayName: 'G', members: [{ value: 'bulkId:u' }] },
        },
      ],
    });
    expect(response.statusCode, response.body).toBe(200);
    const operations = (response.json() as { Operations: { status: string; location?: string }[] })
      .Operations;
    expect(operations.map((operation) => operation.status)).toEqual(['201', '400', '201']);
    expect(operations[1]).toMatchObject({ response: { scimType: 'invalidValue', status: '400' } });
    const second = await scim.request(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "second@bulk.example"')}`,
    );
    expect(second.json()).toMatchObject({ totalResults: 0 });
    const firstId = operations[0]?.location?.split('/').at(-1) ?? '';
    const groupId = operations[2]?.location?.split('/').at(-1) ?? '';
    expect(await memberIds(scim, groupId)).toEqual([firstId]);
  });
});
