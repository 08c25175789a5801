// The request sequences Entra ID and Okta send when they provision, update, disable and delete a
// user, written from their public documentation (Microsoft: "Tutorial: Develop and plan provisioning
// for a SCIM endpoint"; Okta: "SCIM 2.0 protocol reference / Build a SCIM provisioning integration").
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import {
  createScimCustomer,
  ENTERPRISE,
  GROUP_SCHEMA,
  PATCH_OP,
  PRODUCT,
  USER_SCHEMA,
} from './scim-harness.ts';

const testApp = useTestApp();

interface ListBody {
  totalResults: number;
  Resources: Record<string, unknown>[];
}

describe('Entra ID provisioning sequence', () => {
  it('provisions, updates, disables and deletes a user; manages group members', async () => {
    const scim = await createScimCustomer(testApp());
    const userName = 'Test_User_dfeef4c5@contoso.example';
    const filter = (text: string) => `?filter=${encodeURIComponent(text)}`;

    const lookup = await scim.request('GET', `/Users${filter(`userName eq "${userName}"`)}`);
    expect(lookup.statusCode).toBe(200);
    expect((lookup.json() as ListBody).totalResults).toBe(0);

    const created = await scim.request('POST', '/Users', {
      schemas: [USER_SCHEMA, ENTERPRISE],
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName,
      active: true,
      emails: [{ primary: true, type: 'work', value: 'Test_User_11bb6b6d@contoso.example' }],
      meta: { resourceType: 'User' },
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      roles: [],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { id: string }).id;

    const found = (
      await scim.request('GET', `/Users${filter(`userName eq "${userName.toUpperCase()}"`)}`)
    ).json() as ListBody;
    expect(found.totalResults).toBe(1);
    expect(found.Resources[0]).toMatchObject({ id, externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef' });

    const byExternalId = (
      await scim.request('GET', `/Users${filter('externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"')}`)
    ).json() as ListBody;
    expect(byExternalId.totalResults).toBe(1);

    const multi = await scim.request('PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@contoso.example' },
        { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
        { op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+31 6 12345678' },
      ],
    });
    expect(multi.statusCode, multi.body).toBe(204);

    const renamed = await scim.request('PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'userName', value: 'renamed.user@contoso.example' }],
    });
    expect(renamed.statusCode, renamed.body).toBe(204);

    const manager = await scim.request('PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [
        {
          op: 'Add',
          path: `${ENTERPRISE}:manager`,
          value: [{ $ref: null, value: '2819c223-7f76-453a-919d-ab1234567891' }],
        },
      ],
    });
    expect(manager.statusCode, manager.body).toBe(204);

    const user = (await scim.request('GET', `/Users/${id}`)).json() as Record<string, unknown>;
    expect(user).toMatchObject({
      userName: 'renamed.user@contoso.example',
      name: { familyName: 'updatedFamilyName', givenName: 'givenName' },
      phoneNumbers: [{ type: 'mobile', value: '+31 6 12345678' }],
      [ENTERPRISE]: { manager: { value: '2819c223-7f76-453a-919d-ab1234567891' } },
    });
    expect(user.emails).toEqual([{ primary: true, type: 'work', value: 'updatedEmail@contoso.example' }]);
    // The identity email follows userName now that it is an email (SPEC §7).
    const admin = await testApp().app.inject({
      method: 'GET',
      url: `/v1/customers/${scim.customerId}/users/${id}`,
      headers: testApp().auth(testApp().tokens.partnerFull),
    });
    expect(admin.json()).toMatchObject({
      email: 'renamed.user@contoso.example',
      lastName: 'updatedFamilyName',
      manager: '2819c223-7f76-453a-919d-ab1234567891',
    });

    // Groups: create, find by displayName, add a member, remove it the Entra way, rename, delete.
    const group = await scim.request('POST', '/Groups', {
      schemas: [GROUP_SCHEMA],
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      displayName: 'displayName',
      meta: { resourceType: 'Group' },
    });
    expect(group.statusCode, group.body).toBe(201);
    const groupId = (group.json() as { id: string }).id;
    const groupLookup = (
      await scim.request(
        'GET',
        `/Groups?excludedAttributes=members&${filter('displayName eq "displayName"').slice(1)}`,
      )
    ).json() as ListBody;
    expect(groupLookup.totalResults).toBe(1);
    expect(groupLookup.Resources[0]?.members).toBeUndefined();
    const add = await scim.request('PATCH', `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ name: 'addMember', op: 'Add', path: 'members', value: [{ $ref: null, value: id }] }],
    });
    expect(add.statusCode, add.body).toBe(204);
    const membership = (
      await scim.request(
        'GET',
        `/Groups${filter(`id eq "${groupId}" and members eq "${id}"`)}&excludedAttributes=members`,
      )
    ).json() as ListBody;
    expect(membership.totalResults).toBe(1);
    expect(((await scim.request('GET', `/Users/${id}`)).json() as { groups: unknown[] }).groups).toEqual([
      expect.objectContaining({ value: groupId, display: 'displayName' }),
    ]);
    const remove = await scim.request('PATCH', `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [
        { name: 'removeMember', op: 'Remove', path: 'members', value: [{ $ref: null, value: id }] },
      ],
    });
    expect(remove.statusCode, remove.body).toBe(204);
    const rename = await scim.request('PATCH', `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'displayName', value: '1879db59updatedDisplayName' }],
    });
    expect(rename.statusCode).toBe(204);
    expect((await scim.request('GET', `/Groups/${groupId}`)).json()).toMatchObject({
      displayName: '1879db59updatedDisplayName',
      members: [],
    });
    expect((await scim.request('DELETE', `/Groups/${groupId}`)).statusCode).toBe(204);

    const disable = await scim.request('PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(disable.statusCode).toBe(204);
    const disabled = (await scim.request('GET', `/Users/${id}`)).json() as Record<string, unknown>;
    // Suspended, not removed: the package stays (SPEC §5).
    expect(disabled).toMatchObject({ active: false, [PRODUCT]: { package: 'webex_meetings' } });

    expect((await scim.request('DELETE', `/Users/${id}`)).statusCode).toBe(204);
    expect((await scim.request('GET', `/Users/${id}`)).statusCode).toBe(404);
  });
});

describe('Okta provisioning sequence', () => {
  it('provisions, updates, deactivates, reactivates and deletes a user', async () => {
    const scim = await createScimCustomer(testApp());
    const okta = { 'user-agent': 'Okta SCIM Client 1.0.0', accept: 'application/scim+json' };
    const lookup = await scim.request(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "test.user@okta.local"')}&startIndex=1&count=100`,
      undefined,
      okta,
    );
    expect(lookup.json()).toMatchObject({ totalResults: 0, Resources: [], startIndex: 1 });

    const created = await scim.request(
      'POST',
      '/Users',
      {
        schemas: [USER_SCHEMA],
        userName: 'test.user@okta.local',
        name: { givenName: 'Test', familyName: 'User' },
        emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
        displayName: 'Test User',
        locale: 'en-US',
        externalId: '00ujl29u0le5T6Aj10h7',
        groups: [],
        password: '1mz050nq',
        active: true,
      },
      okta,
    );
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json() as Record<string, unknown>;
    expect(body).toMatchObject({ userName: 'test.user@okta.local', active: true, locale: 'en-US' });
    expect(body.password).toBeUndefined();
    const id = body.id as string;

    const put = await scim.request(
      'PUT',
      `/Users/${id}`,
      {
        schemas: [USER_SCHEMA],
        id,
        userName: 'test.user@okta.local',
        name: { givenName: 'Another', familyName: 'User' },
        emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
        displayName: 'Another User',
        active: true,
        meta: { resourceType: 'User' },
      },
      okta,
    );
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ name: { givenName: 'Another' }, displayName: 'Another User' });

    const deactivate = await scim.request(
      'PATCH',
      `/Users/${id}`,
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { id, active: false } }] },
      okta,
    );
    expect(deactivate.statusCode, deactivate.body).toBe(200);
    expect(deactivate.json()).toMatchObject({ id, active: false });
    const reactivate = await scim.request(
      'PATCH',
      `/Users/${id}`,
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: true } }] },
      okta,
    );
    expect(reactivate.json()).toMatchObject({ active: true });

    const group = await scim.request(
      'POST',
      '/Groups',
      { schemas: [GROUP_SCHEMA], displayName: 'Okta Group', members: [] },
      okta,
    );
    const groupId = (group.json() as { id: string }).id;
    const rename = await scim.request(
      'PATCH',
      `/Groups/${groupId}`,
      {
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', value: { id: groupId, displayName: 'Renamed' } }],
      },
      okta,
    );
    expect(rename.statusCode).toBe(200);
    const add = await scim.request(
      'PATCH',
      `/Groups/${groupId}`,
      {
        schemas: [PATCH_OP],
        Operations: [{ op: 'add', path: 'members', value: [{ value: id, display: 'test.user@okta.local' }] }],
      },
      okta,
    );
    expect(add.json()).toMatchObject({ displayName: 'Renamed', members: [{ value: id }] });
    const remove = await scim.request(
      'PATCH',
      `/Groups/${groupId}`,
      { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${id}"]` }] },
      okta,
    );
    expect(remove.json()).toMatchObject({ members: [] });

    expect((await scim.request('DELETE', `/Users/${id}`, undefined, okta)).statusCode).toBe(204);
    expect((await scim.request('DELETE', `/Groups/${groupId}`, undefined, okta)).statusCode).toBe(204);
  });
});
