// RFC 7644 §3.5.2.2: PATCH `remove` of `active` would leave it unassigned. The product always knows
// whether a user is suspended, and an unassigned `active` must never reactivate a suspended user
// (ADR 0069): such a PATCH is refused with 400 invalidValue and changes nothing; a PUT that leaves
// `active` out keeps the user's state (RFC 7644 §3.5.1: an omitted attribute is not asserted).
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createScimCustomer, ERROR_SCHEMA, PATCH_OP, scimUser } from './scim-harness.ts';
import type { ScimCustomer } from './scim-harness.ts';

const testApp = useTestApp();
let serial = 0;

interface UserResource {
  id: string;
  active: boolean;
  meta: { version: string };
}

async function suspendedUser(scim: ScimCustomer, userName: string): Promise<UserResource> {
  const created = await scim.request('POST', '/Users', scimUser(userName, { active: false }));
  expect(created.statusCode, created.body).toBe(201);
  const user = created.json() as UserResource;
  expect(user.active).toBe(false);
  return user;
}

async function read(scim: ScimCustomer, id: string): Promise<UserResource> {
  return (await scim.request('GET', `/Users/${id}`)).json() as UserResource;
}

describe('an unassigned active', () => {
  it.each([
    ['remove active', [{ op: 'remove', path: 'active' }]],
    ['Remove Active', [{ op: 'Remove', path: 'Active' }]],
    ['remove by URN', [{ op: 'remove', path: 'urn:ietf:params:scim:schemas:core:2.0:User:active' }]],
    ['replace with null', [{ op: 'replace', path: 'active', value: null }]],
    ['replace without path, active null', [{ op: 'replace', value: { active: null } }]],
  ])('PATCH %s: 400 invalidValue, the suspended user stays suspended and unchanged', async (_name, ops) => {
    const scim = await createScimCustomer(testApp());
    const user = await suspendedUser(scim, `patch-${(serial += 1)}@ua.example`);
    const response = await scim.request('PATCH', `/Users/${user.id}`, {
      schemas: [PATCH_OP],
      Operations: ops,
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({
      schemas: [ERROR_SCHEMA],
      scimType: 'invalidValue',
      status: '400',
    });
    const after = await read(scim, user.id);
    expect(after.active).toBe(false);
    expect(after.meta.version).toBe(user.meta.version);
  });

  it('PATCH replace active true/false (what Entra ID and Okta send) still works', async () => {
    const scim = await createScimCustomer(testApp());
    const user = await suspendedUser(scim, 'entra@ua.example');
    for (const value of [true, false, 'True']) {
      const response = await scim.request('PATCH', `/Users/${user.id}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'Replace', path: 'active', value }],
      });
      expect(response.statusCode, response.body).toBe(204);
      expect((await read(scim, user.id)).active).toBe(value !== false);
    }
  });

  it('PUT without active keeps the state; with active it sets it; a create without active is active', async () => {
    const scim = await createScimCustomer(testApp());
    const user = await suspendedUser(scim, 'put@ua.example');
    const { active: _omitted, ...withoutActive } = scimUser('put@ua.example');
    const kept = await scim.request('PUT', `/Users/${user.id}`, { ...withoutActive, title: 'Kept' });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json()).toMatchObject({ active: false, title: 'Kept' });
    const reactivated = await scim.request('PUT', `/Users/${user.id}`, scimUser('put@ua.example'));
    expect(reactivated.json()).toMatchObject({ active: true });
    const stillActive = await scim.request('PUT', `/Users/${user.id}`, withoutActive);
    expect(stillActive.json()).toMatchObject({ active: true });

    const { active: _none, ...newUser } = scimUser('new@ua.example');
    const created = await scim.request('POST', '/Users', newUser);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ active: true });
  });
});
