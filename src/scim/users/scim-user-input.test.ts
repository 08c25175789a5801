import { describe, expect, it } from 'vitest';
import type { ScimError } from '../errors.ts';
import { identityEmail } from './identity-email.ts';
import { parseScimUser } from './scim-user-input.ts';
import { renderScimUser } from './render-scim-user.ts';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PRODUCT = 'urn:wholesale-hub:params:scim:schemas:extension:product:2.0:User';

describe('identityEmail (SPEC §7)', () => {
  const ok: Array<[string, unknown, string]> = [
    ['Bob@Example.com', [], 'bob@example.com'],
    ['bob', [{ value: 'b@x.org', primary: true }], 'b@x.org'],
    [
      'bob',
      [
        { value: 'h@x.org', type: 'home' },
        { value: 'W@x.org', type: 'work' },
      ],
      'w@x.org',
    ],
    [
      'bob',
      [
        { value: 'h@x.org', type: 'home' },
        { value: 'p@x.org', type: 'other', Primary: true },
      ],
      'p@x.org',
    ],
    ['bob@', [{ value: 'b@x.org', type: 'work' }], 'b@x.org'],
  ];
  it.each(ok)('%s → %s', (userName, emails, expected) =>
    expect(identityEmail(userName, emails)).toBe(expected),
  );

  const bad: Array<[string, unknown]> = [
    ['bob', undefined],
    ['bob', [{ value: 'h@x.org', type: 'home' }]],
    ['bob', [{ value: 'emailName357', type: 'work', primary: true }]],
    ['bob', [{ type: 'work' }]],
  ];
  it.each(bad)('%s without a usable email is invalidValue', (userName, emails) => {
    try {
      identityEmail(userName, emails);
      expect.unreachable();
    } catch (error) {
      expect((error as ScimError).scimType).toBe('invalidValue');
    }
  });
});

describe('parseScimUser', () => {
  it('maps Microsoft collection spellings', () => {
    const input = parseScimUser({
      UserName: 'UserName222',
      active: 'True',
      schemas: [ENTERPRISE, 'URN:ietf:params:scim:schemas:core:2.0:User'],
      emails: [{ Primary: true, type: 'work', value: 'testing@bob2.com' }],
      name: { givenName: 'Andrew', FamilyName: 'Ryan', formatted: 'Andrew Ryan' },
      adreses: [{ country: 'x' }],
      addresses: [{ country: 'Germany' }],
      id: 'ignored',
      meta: { created: 'x' },
      [ENTERPRISE]: { Department: 'bob', Manager: { Value: 'SuzzyQ' } },
      [PRODUCT]: { package: 'webex_calling', extension: 1234 },
    });
    expect(input).toMatchObject({
      userName: 'UserName222',
      email: 'testing@bob2.com',
      active: true,
      firstName: 'Andrew',
      lastName: 'Ryan',
      department: 'bob',
      manager: 'SuzzyQ',
      product: { packageId: 'webex_calling', extension: '1234' },
    });
    expect(input.document.adreses).toBeUndefined();
    expect(input.document.addresses).toEqual([{ country: 'Germany' }]);
    expect(input.document.id).toBeUndefined();
    expect(input.document.emails).toEqual([{ primary: true, type: 'work', value: 'testing@bob2.com' }]);
  });

  const bad: Array<[string, unknown, string]> = [
    ['no userName', { emails: [{ value: 'a@b.org', primary: true }] }, 'invalidValue'],
    ['blank userName', { userName: '  ' }, 'invalidValue'],
    ['active not boolean', { userName: 'a@b.org', active: 'yes' }, 'invalidValue'],
    ['not an object', 'x', 'invalidSyntax'],
    ['givenName not a string', { userName: 'a@b.org', name: { givenName: 3 } }, 'invalidValue'],
  ];
  it.each(bad)('%s', (_name, body, scimType) => {
    try {
      parseScimUser(body);
      expect.unreachable();
    } catch (error) {
      expect((error as ScimError).scimType).toBe(scimType);
    }
  });
});

describe('renderScimUser', () => {
  it('overlays product columns on the stored document', () => {
    const resource = renderScimUser(
      {
        id: 'u1',
        userName: 'bob',
        externalId: null,
        email: 'b@x.org',
        firstName: 'Bob',
        lastName: null,
        displayName: null,
        title: null,
        preferredLanguage: null,
        department: 'Sales',
        manager: null,
        suspended: true,
        packageId: 'webex_calling',
        locationName: 'HQ',
        extension: '1001',
        document: {
          userName: 'bob',
          name: { givenName: 'Old', familyName: 'Gone', formatted: 'F' },
          displayName: 'Old',
          addresses: [{ country: 'NL' }],
        },
        groups: [],
        createdAt: new Date('2026-01-01T00:00:00Z'),
        updatedAt: new Date('2026-01-02T00:00:00Z'),
        version: '3',
      },
      'http://h/scim/v2/c',
    );
    expect(resource).toMatchObject({
      id: 'u1',
      active: false,
      name: { givenName: 'Bob', formatted: 'F' },
      addresses: [{ country: 'NL' }],
      emails: [{ value: 'b@x.org', type: 'work', primary: true }],
      [ENTERPRISE]: { department: 'Sales' },
      [PRODUCT]: { package: 'webex_calling', location: 'HQ', extension: '1001' },
      meta: { version: 'W/"3"', location: 'http://h/scim/v2/c/Users/u1', resourceType: 'User' },
    });
    expect(resource.displayName).toBeUndefined();
    expect((resource.name as { familyName?: string }).familyName).toBeUndefined();
    expect(resource.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE, PRODUCT]);
  });
});
