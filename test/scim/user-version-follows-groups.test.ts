// RFC 7643 §3.1 / §4.1.2: a User shows its `groups`, so joining or leaving a group (group PATCH, PUT
// or DELETE) or a rename of one of its groups changes the User: its ETag and meta.lastModified move,
// and If-None-Match / If-Match on the user see it. Members whose groups did not change keep theirs.
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { addUserOutsideScim, createScimCustomer, GROUP_SCHEMA, PATCH_OP, scimUser } from './scim-harness.ts';
import type { ScimCustomer } from './scim-harness.ts';

const testApp = useTestApp();

interface UserResource {
  id: string;
  groups?: { value: string; display: string }[];
  meta: { version: string; lastModified: string };
}

async function createUser(scim: ScimCustomer, userName: string): Promise<UserResource> {
  const response = await scim.request('POST', '/Users', scimUser(userName));
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as UserResource;
}

async function user(scim: ScimCustomer, id: string): Promise<UserResource> {
  const response = await scim.request('GET', `/Users/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as UserResource;
}

/** A client holding `before` must see the user as changed: no 304, and a stale If-Match fails. */
async function expectChanged(scim: ScimCustomer, before: UserResource): Promise<UserResource> {
  const after = await user(scim, before.id);
  expect(after.meta.version).not.toBe(before.meta.version);
  expect(Date.parse(after.meta.lastModified)).toBeGreaterThanOrEqual(Date.parse(before.meta.lastModified));
  expect(after.meta.lastModified).not.toBe(before.meta.lastModified);
  const cached = await scim.request('GET', `/Users/${before.id}`, undefined, {
    'if-none-match': before.meta.version,
  });
  expect(cached.statusCode).toBe(200);
  const stale = await scim.request(
    'PATCH',
    `/Users/${before.id}`,
    { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'Late' }] },
    { 'if-match': before.meta.version },
  );
  expect(stale.statusCode).toBe(412);
  return after;
}

async function expectUnchanged(scim: ScimCustomer, before: UserResource): Promise<void> {
  const after = await user(scim, before.id);
  expect(after.meta).toEqual(before.meta);
  const cached = await scim.request('GET', `/Users/${before.id}`, undefined, {
    'if-none-match': before.meta.version,
  });
  expect(cached.statusCode).toBe(304);
}

describe('SCIM user version follows its groups', () => {
  it('moves when the user joins or leaves by group PATCH, PUT and DELETE, and on a group rename', async () => {
    const scim = await createScimCustomer(testApp());
    const stay = await createUser(scim, 'stay@uvg.example');
    const mover = await createUser(scim, 'mover@uvg.example');
    const created = await scim.request('POST', '/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: 'Sales',
      members: [{ value: stay.id }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const groupId = (created.json() as { id: string }).id;
    let stayNow = await expectChanged(scim, stay);
    expect(stayNow.groups).toMatchObject([{ value: groupId, display: 'Sales' }]);

    // PATCH add: the new member changes, the one already there does not.
    let moverNow = await user(scim, mover.id);
    const added = await scim.request('PATCH', `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'add', path: 'members', value: [{ value: mover.id }] }],
    });
    expect(added.statusCode, added.body).toBe(204);
    moverNow = await expectChanged(scim, moverNow);
    expect(moverNow.groups).toMatchObject([{ value: groupId }]);
    await expectUnchanged(scim, stayNow);

    // PATCH remove with a filter (what Entra ID sends).
    const removed = await scim.request('PATCH', `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'remove', path: `members[value eq "${mover.id}"]` }],
    });
    expect(removed.statusCode, removed.body).toBe(204);
    moverNow = await expectChanged(scim, moverNow);
    expect(moverNow.groups).toBeUndefined();
    await expectUnchanged(scim, stayNow);

    // PUT replacing the members: the one who left and the one who joined change.
    const replaced = await scim.request('PUT', `/Groups/${groupId}`, {
      schemas: [GROUP_SCHEMA],
      displayName: 'Sales',
      members: [{ value: mover.id }],
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    moverNow = await expectChanged(scim, moverNow);
    stayNow = await expectChanged(scim, stayNow);
    expect(stayNow.groups).toBeUndefined();

    // A PUT that changes nothing for the user leaves its version alone.
    const same = await scim.request('PUT', `/Groups/${groupId}`, {
      schemas: [GROUP_SCHEMA],
      displayName: 'Sales',
      externalId: 'sales-1',
      members: [{ value: mover.id }],
    });
    expect(same.statusCode, same.body).toBe(200);
    await expectUnchanged(scim, moverNow);

    // A rename changes every member's groups[].display.
    const renamed = await scim.request('PATCH', `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: 'displayName', value: 'Sales EMEA' }],
    });
    expect(renamed.statusCode, renamed.body).toBe(204);
    moverNow = await expectChanged(scim, moverNow);
    expect(moverNow.groups).toMatchObject([{ value: groupId, display: 'Sales EMEA' }]);

    // Deleting the group takes it out of the user.
    expect((await scim.request('DELETE', `/Groups/${groupId}`)).statusCode).toBe(204);
    moverNow = await expectChanged(scim, moverNow);
    expect(moverNow.groups).toBeUndefined();
    await expectUnchanged(scim, stayNow);
  });

  it('also moves for a user created outside SCIM (no SCIM row of its own)', async () => {
    const harness = testApp();
    const scim = await createScimCustomer(harness);
    const added = await addUserOutsideScim(harness, scim, {
      email: 'outside@uvg.example',
      firstName: 'Out',
      lastName: 'Side',
      package: 'webex_meetings',
    });
    expect(added.statusCode, added.body).toBe(201);
    const id = (added.json() as { id: string }).id;
    const before = await user(scim, id);
    const created = await scim.request('POST', '/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: 'Outsiders',
      members: [{ value: id }],
    });
    expect(created.statusCode, created.body).toBe(201);
    await expectChanged(scim, before);
  });
});
