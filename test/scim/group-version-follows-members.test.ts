// RFC 7644 §3.14 / RFC 7643 §3.1: a group's ETag and meta.lastModified change when its members do,
// also when a member is removed or renamed outside the group's own endpoint.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createScimCustomer, GROUP_SCHEMA, PATCH_OP, scimUser } from './scim-harness.ts';
import type { ScimCustomer } from './scim-harness.ts';

const testApp = useTestApp();

interface GroupResource {
  id: string;
  members: { value: string; display?: string }[];
  meta: { version: string; lastModified: string };
}

async function userId(scim: ScimCustomer, userName: string): Promise<string> {
  const response = await scim.request('POST', '/Users', scimUser(userName));
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { id: string }).id;
}

async function group(scim: ScimCustomer, id: string): Promise<GroupResource> {
  return (await scim.request('GET', `/Groups/${id}`)).json() as GroupResource;
}

describe('SCIM group version', () => {
  it('changes when a member is deleted or renamed, so If-None-Match and If-Match see it', async () => {
    const scim = await createScimCustomer(testApp());
    const stay = await userId(scim, 'stay@gv.example');
    const leave = await userId(scim, 'leave@gv.example');
    const created = await scim.request('POST', '/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: 'Versioned',
      members: [{ value: stay }, { value: leave }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const before = created.json() as GroupResource;

    expect((await scim.request('DELETE', `/Users/${leave}`)).statusCode).toBe(204);
    const afterDelete = await group(scim, before.id);
    expect(afterDelete.members.map((m) => m.value)).toEqual([stay]);
    expect(afterDelete.meta.version).not.toBe(before.meta.version);
    const cached = await scim.request('GET', `/Groups/${before.id}`, undefined, {
      'if-none-match': before.meta.version,
    });
    expect(cached.statusCode).toBe(200);
    const stale = await scim.request(
      'PATCH',
      `/Groups/${before.id}`,
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'Late' }] },
      { 'if-match': before.meta.version },
    );
    expect(stale.statusCode).toBe(412);

    const rename = await scim.request('PATCH', `/Users/${stay}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: 'displayName', value: 'Stay Here' }],
    });
    expect(rename.statusCode, rename.body).toBe(204);
    const afterRename = await group(scim, before.id);
    expect(afterRename.members).toMatchObject([{ value: stay, display: 'Stay Here' }]);
    expect(afterRename.meta.version).not.toBe(afterDelete.meta.version);

    // A group's own change still answers the version it stored (the next If-Match must pass).
    const own = await scim.request(
      'PATCH',
      `/Groups/${before.id}`,
      { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: stay }] }] },
      { 'if-match': afterRename.meta.version },
    );
    expect(own.statusCode, own.body).toBe(204);
    expect((await group(scim, before.id)).meta.version).toBe(own.headers.etag);
  });

  it('lets a customer with groups and members be deleted', async () => {
    const harness = testApp();
    const scim = await createScimCustomer(harness);
    const member = await userId(scim, 'gone@gv.example');
    await scim.request('POST', '/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: 'Gone',
      members: [{ value: member }],
    });
    await harness.database.db.deleteFrom('customers').where('id', '=', scim.customerId).execute();
    const left = await sql<{
      id: string;
    }>`select id from scim_groups where customer_id = ${scim.customerId}`.execute(harness.database.db);
    expect(left.rows).toEqual([]);
  });

  // Migration 0015: one bump per group and transaction. A bump per member made deleting the users
  // of a large group cost the square of its size (the same row updated once per member).
  it('moves once per transaction when many members go in one statement, and again in the next', async () => {
    const harness = testApp();
    const scim = await createScimCustomer(harness);
    const members = [];
    for (const name of ['m1', 'm2', 'm3', 'm4']) members.push(await userId(scim, `${name}@once.example`));
    const created = await scim.request('POST', '/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: 'Once',
      members: members.map((value) => ({ value })),
    });
    expect(created.statusCode, created.body).toBe(201);
    const groupId = (created.json() as GroupResource).id;
    const version = async () =>
      (
        await sql<{ version: number }>`select version from scim_groups where id = ${groupId}`.execute(
          harness.database.db,
        )
      ).rows[0]?.version;
    const before = await version();

    await harness.database.db.deleteFrom('users').where('id', 'in', members.slice(0, 3)).execute();
    expect(await version()).toBe((before ?? 0) + 1);
    await harness.database.db
      .deleteFrom('users')
      .where('id', '=', members[3] ?? '')
      .execute();
    expect(await version()).toBe((before ?? 0) + 2);
    expect((await group(scim, groupId)).members).toEqual([]);
  });
});
