import { describe, expect, it } from 'vitest';
import { ScimError } from '../errors.ts';
import type { ScimType } from '../errors.ts';
import type { JsonObject } from '../json.ts';
import { applyPatch } from './apply-patch.ts';
import { parsePatchRequest } from './parse-patch-request.ts';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const user: JsonObject = {
  id: 'u1',
  userName: 'bjensen@example.com',
  active: true,
  name: { givenName: 'Barbara', familyName: 'Jensen' },
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@home.org', type: 'home' },
  ],
  addresses: [{ type: 'work', locality: 'Amsterdam' }],
  [ENTERPRISE]: { department: 'Sales' },
  meta: { resourceType: 'User' },
};

const group: JsonObject = {
  id: 'g1',
  displayName: 'Sales',
  members: [
    { value: 'a', display: 'Ann' },
    { value: 'b', display: 'Bob' },
    { value: 'c', display: 'Cat' },
  ],
};

function patch(resource: JsonObject, operations: unknown[]): JsonObject {
  return applyPatch(resource, parsePatchRequest({ schemas: [PATCH_OP], Operations: operations }));
}

describe('applyPatch on a user', () => {
  const cases: Array<[string, unknown[], (result: JsonObject) => void]> = [
    [
      'replace a simple attribute',
      [{ op: 'replace', path: 'userName', value: 'ryan3' }],
      (r) => expect(r.userName).toBe('ryan3'),
    ],
    [
      'Entra capitalised op',
      [{ op: 'Replace', path: 'userName', value: 'x' }],
      (r) => expect(r.userName).toBe('x'),
    ],
    [
      'Entra "False" string',
      [{ op: 'Replace', path: 'active', value: 'False' }],
      (r) => expect(r.active).toBe(false),
    ],
    [
      'Entra "True" string',
      [{ op: 'replace', path: 'active', value: 'True' }],
      (r) => expect(r.active).toBe(true),
    ],
    ['boolean false', [{ op: 'replace', path: 'active', value: false }], (r) => expect(r.active).toBe(false)],
    [
      'path case-insensitive keeps stored key',
      [{ op: 'replace', path: 'USERNAME', value: 'y' }],
      (r) => {
        expect(r.userName).toBe('y');
        expect(r.USERNAME).toBeUndefined();
      },
    ],
    [
      'sub-attribute',
      [{ op: 'replace', path: 'name.givenName', value: 'Babs' }],
      (r) => expect(r.name).toEqual({ givenName: 'Babs', familyName: 'Jensen' }),
    ],
    [
      'add sub-attribute to a missing complex attribute',
      [{ op: 'add', path: 'name.middleName', value: 'J' }],
      (r) => expect(r.name).toEqual({ givenName: 'Barbara', familyName: 'Jensen', middleName: 'J' }),
    ],
    [
      'path-less replace merges complex attributes',
      [{ op: 'replace', value: { name: { familyName: 'Smith' }, displayName: 'B' } }],
      (r) => {
        expect(r.name).toEqual({ givenName: 'Barbara', familyName: 'Smith' });
        expect(r.displayName).toBe('B');
      },
    ],
    [
      'path-less replace ignores read-only id (Okta)',
      [{ op: 'replace', value: { id: 'other', active: false } }],
      (r) => {
        expect(r.id).toBe('u1');
        expect(r.active).toBe(false);
      },
    ],
    [
      'path-less value with path keys (Entra)',
      [{ op: 'Add', value: { 'name.givenName': 'G', 'emails[type eq "work"].value': 'new@example.com' } }],
      (r) => {
        expect((r.name as JsonObject).givenName).toBe('G');
        expect((r.emails as JsonObject[])[0]?.value).toBe('new@example.com');
      },
    ],
    [
      'path-less extension object',
      [{ op: 'replace', value: { [ENTERPRISE]: { department: 'R&D' } } }],
      (r) => expect(r[ENTERPRISE]).toEqual({ department: 'R&D' }),
    ],
    [
      'path-less Entra boolean string',
      [{ op: 'replace', value: { active: 'False' } }],
      (r) => expect(r.active).toBe(false),
    ],
    [
      'filtered sub-attribute replace',
      [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'w@example.com' }],
      (r) =>
        expect(r.emails).toEqual([
          { value: 'w@example.com', type: 'work', primary: true },
          { value: 'babs@home.org', type: 'home' },
        ]),
    ],
    [
      'filtered replace with no match creates the value (Entra)',
      [{ op: 'replace', path: 'phoneNumbers[type eq "mobile"].value', value: '+31612345678' }],
      (r) => expect(r.phoneNumbers).toEqual([{ type: 'mobile', value: '+31612345678' }]),
    ],
    [
      'filtered add of a whole value',
      [{ op: 'add', path: 'addresses[type eq "home"]', value: { locality: 'Utrecht' } }],
      (r) =>
        expect(r.addresses).toEqual([
          { type: 'work', locality: 'Amsterdam' },
          { type: 'home', locality: 'Utrecht' },
        ]),
    ],
    [
      'filtered replace of whole matching values',
      [{ op: 'replace', path: 'emails[type eq "home"]', value: { value: 'n@home.org', type: 'home' } }],
      (r) => expect((r.emails as JsonObject[])[1]).toEqual({ value: 'n@home.org', type: 'home' }),
    ],
    [
      'add to a multi-valued attribute appends',
      [{ op: 'add', path: 'emails', value: [{ value: 'x@y.z', type: 'other' }] }],
      (r) => expect(r.emails).toHaveLength(3),
    ],
    [
      'add of an existing value does not duplicate',
      [{ op: 'add', path: 'emails', value: [{ value: 'BABS@home.org', type: 'home' }] }],
      (r) => expect(r.emails).toHaveLength(2),
    ],
    [
      'a new primary clears the old one',
      [{ op: 'add', path: 'emails', value: [{ value: 'p@x.org', type: 'other', primary: true }] }],
      (r) => {
        const primaries = (r.emails as JsonObject[]).filter((e) => e.primary === true);
        expect(primaries).toEqual([{ value: 'p@x.org', type: 'other', primary: true }]);
      },
    ],
    [
      'primary "True" on a filtered value moves primary',
      [{ op: 'replace', path: 'emails[type eq "home"].primary', value: 'True' }],
      (r) => expect((r.emails as JsonObject[]).map((e) => e.primary)).toEqual([false, true]),
    ],
    [
      'replace a multi-valued attribute wholesale',
      [{ op: 'replace', path: 'emails', value: [{ value: 'only@x.org' }] }],
      (r) => expect(r.emails).toEqual([{ value: 'only@x.org' }]),
    ],
    [
      'remove an attribute',
      [{ op: 'remove', path: 'name.givenName' }],
      (r) => expect(r.name).toEqual({ familyName: 'Jensen' }),
    ],
    [
      'remove filtered values',
      [{ op: 'remove', path: 'emails[type eq "home"]' }],
      (r) => expect(r.emails).toEqual([{ value: 'bjensen@example.com', type: 'work', primary: true }]),
    ],
    [
      'remove a sub-attribute of filtered values',
      [{ op: 'remove', path: 'emails[type eq "work"].primary' }],
      (r) => expect((r.emails as JsonObject[])[0]).toEqual({ value: 'bjensen@example.com', type: 'work' }),
    ],
    [
      'remove with a filter that matches nothing changes nothing',
      [{ op: 'remove', path: 'emails[type eq "fax"]' }],
      (r) => expect(r.emails).toEqual(user.emails),
    ],
    [
      'remove a missing attribute is a no-op',
      [{ op: 'remove', path: 'nickName' }],
      (r) => expect(r).toEqual(user),
    ],
    [
      'extension attribute by URN path',
      [{ op: 'replace', path: `${ENTERPRISE}:department`, value: 'Ops' }],
      (r) => expect(r[ENTERPRISE]).toEqual({ department: 'Ops' }),
    ],
    [
      'extension manager as object',
      [{ op: 'add', path: `${ENTERPRISE}:manager`, value: { value: 'm1' } }],
      (r) => expect(r[ENTERPRISE]).toEqual({ department: 'Sales', manager: { value: 'm1' } }),
    ],
    [
      'extension manager removed',
      [{ op: 'remove', path: `${ENTERPRISE}:manager` }],
      (r) => expect(r[ENTERPRISE]).toEqual({ department: 'Sales' }),
    ],
    [
      'extension created when absent',
      [
        {
          op: 'add',
          path: 'urn:wholesale-hub:params:scim:schemas:extension:product:2.0:User:package',
          value: 'webex_calling',
        },
      ],
      (r) =>
        expect(r['urn:wholesale-hub:params:scim:schemas:extension:product:2.0:User']).toEqual({
          package: 'webex_calling',
        }),
    ],
    [
      'whole extension removed',
      [{ op: 'remove', path: ENTERPRISE }],
      (r) => expect(r[ENTERPRISE]).toBeUndefined(),
    ],
    [
      'replace with null removes',
      [{ op: 'replace', path: 'displayName', value: null }],
      (r) => expect('displayName' in r).toBe(false),
    ],
    [
      'several operations in order',
      [
        { op: 'add', path: 'title', value: 'Boss' },
        { op: 'replace', path: 'title', value: 'CEO' },
        { op: 'remove', path: 'addresses' },
      ],
      (r) => {
        expect(r.title).toBe('CEO');
        expect(r.addresses).toBeUndefined();
      },
    ],
  ];

  it.each(cases)('%s', (_name, operations, check) => {
    const before = structuredClone(user);
    check(patch(user, operations));
    expect(user).toEqual(before); // the input is never mutated
  });

  const failures: Array<[string, unknown, ScimType]> = [
    ['remove without path', { schemas: [PATCH_OP], Operations: [{ op: 'remove' }] }, 'noTarget'],
    [
      'unknown op',
      { schemas: [PATCH_OP], Operations: [{ op: 'move', path: 'a', value: 1 }] },
      'invalidSyntax',
    ],
    ['no operations', { schemas: [PATCH_OP], Operations: [] }, 'invalidSyntax'],
    [
      'wrong schema',
      { schemas: ['urn:x'], Operations: [{ op: 'add', path: 'a', value: 1 }] },
      'invalidSyntax',
    ],
    [
      'add without value',
      { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'title' }] },
      'invalidValue',
    ],
    [
      'read-only id',
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'id', value: 'x' }] },
      'mutability',
    ],
    [
      'read-only meta',
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'meta.created', value: 'x' }] },
      'mutability',
    ],
    [
      'bad path',
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'a.b.c', value: 'x' }] },
      'invalidPath',
    ],
    [
      'bad value filter',
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'emails[type zz "w"].value', value: 'x' }] },
      'invalidPath',
    ],
    [
      'non-eq filter without match',
      {
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', path: 'emails[value co "nope"].type', value: 'x' }],
      },
      'noTarget',
    ],
    [
      'sub-attribute of multi-valued without filter',
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'emails.value', value: 'x' }] },
      'invalidPath',
    ],
    [
      'path-less with scalar value',
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: 'x' }] },
      'invalidValue',
    ],
    [
      'boolean that is not one',
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: 'maybe' }] },
      'invalidValue',
    ],
    ['body not an object', [], 'invalidSyntax'],
    [
      'emails replaced by a string',
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'emails', value: 'x@example.org' }] },
      'invalidValue',
    ],
    [
      'phoneNumbers replaced by a string',
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'phoneNumbers', value: '+31 6 1234' }] },
      'invalidValue',
    ],
    [
      'addresses replaced by a string in a path-less value',
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { addresses: 'x' } }] },
      'invalidValue',
    ],
    [
      'name replaced by a string',
      { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'name', value: 'x' }] },
      'invalidValue',
    ],
    [
      'a value filter comparing a boolean with a word',
      { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: 'emails[primary eq "maybe"]' }] },
      'invalidPath',
    ],
  ];

  it.each(failures)('%s fails with %s', (_name, body, scimType) => {
    let caught: unknown;
    try {
      applyPatch(user, parsePatchRequest(body));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScimError);
    expect((caught as ScimError).scimType).toBe(scimType);
    expect((caught as ScimError).status).toBe(400);
  });
});

describe('applyPatch on a group', () => {
  const ids = (r: JsonObject): unknown[] => (r.members as JsonObject[]).map((m) => m.value);
  const cases: Array<[string, unknown[], unknown[]]> = [
    [
      'add members',
      [{ op: 'add', path: 'members', value: [{ value: 'd', display: 'Dan' }] }],
      ['a', 'b', 'c', 'd'],
    ],
    [
      'add an existing member is idempotent',
      [{ op: 'add', path: 'members', value: [{ value: 'a' }] }],
      ['a', 'b', 'c'],
    ],
    [
      "add a bare string member (Microsoft's reference collection)",
      [{ op: 'add', path: 'members', value: 'string id 1' }],
      ['a', 'b', 'c', 'string id 1'],
    ],
    [
      'add a single member object',
      [{ op: 'add', path: 'members', value: { value: 'd' } }],
      ['a', 'b', 'c', 'd'],
    ],
    ['remove by value filter', [{ op: 'remove', path: 'members[value eq "b"]' }], ['a', 'c']],
    [
      'Entra member removal removes only those members',
      [{ op: 'Remove', path: 'members', value: [{ value: 'a' }, { value: 'c' }] }],
      ['b'],
    ],
    [
      'Entra member removal of an unknown member removes nothing',
      [{ op: 'Remove', path: 'members', value: [{ value: 'zzz' }] }],
      ['a', 'b', 'c'],
    ],
    [
      'Entra member removal with an empty list removes nothing',
      [{ op: 'Remove', path: 'members', value: [] }],
      ['a', 'b', 'c'],
    ],
    [
      'Entra member removal with a single object',
      [{ op: 'Remove', path: 'members', value: { value: 'b' } }],
      ['a', 'c'],
    ],
    [
      'replace all members',
      [{ op: 'replace', path: 'members', value: [{ value: 'x' }, { value: 'x' }] }],
      ['x'],
    ],
    [
      'path-less add of members appends',
      [{ op: 'add', value: { members: [{ value: 'e' }] } }],
      ['a', 'b', 'c', 'e'],
    ],
  ];

  it.each(cases)('%s', (_name, operations, expected) => {
    expect(ids(patch(group, operations))).toEqual(expected);
  });

  // Read as an unknown member id, a malformed value emptied the group (unknown ids are dropped).
  const malformed: Array<[string, unknown[]]> = [
    ['replace members with a string', [{ op: 'replace', path: 'members', value: 'x' }]],
    ['replace members with a number', [{ op: 'replace', path: 'members', value: 42 }]],
    ['replace members with a list of strings', [{ op: 'replace', path: 'members', value: ['x'] }]],
    ['replace members with a nested list', [{ op: 'replace', path: 'members', value: [[{ value: 'a' }]] }]],
    ['Entra removal with a string', [{ op: 'Remove', path: 'members', value: 'a' }]],
    ['add members as a number', [{ op: 'add', path: 'members', value: 42 }]],
    ['add members as a list with a number', [{ op: 'add', value: { members: [{ value: 'd' }, 7] } }]],
    ['path-less replace of members with a string', [{ op: 'replace', value: { members: 'x' } }]],
    [
      'replace through a value filter with a string',
      [{ op: 'replace', path: 'members[value eq "a"]', value: 'x' }],
    ],
    ['sub-attribute of members without a filter', [{ op: 'replace', path: 'members.value', value: 'x' }]],
    ['a boolean value filter on a string', [{ op: 'remove', path: 'members[value eq true]' }]],
  ];

  it.each(malformed)('%s fails with 400 and names members', (_name, operations) => {
    let caught: unknown;
    try {
      patch(group, operations);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScimError);
    expect((caught as ScimError).status).toBe(400);
    expect((caught as ScimError).message).toMatch(/members/);
  });

  it('remove of "members" without a value removes all members (RFC 7644 §3.5.2.2)', () => {
    expect(patch(group, [{ op: 'remove', path: 'members' }]).members).toBeUndefined();
  });

  it('replace of displayName keeps members', () => {
    const result = patch(group, [{ op: 'replace', path: 'displayName', value: 'Ops' }]);
    expect(result.displayName).toBe('Ops');
    expect(ids(result)).toEqual(['a', 'b', 'c']);
  });
});
