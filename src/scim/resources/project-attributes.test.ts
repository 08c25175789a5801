import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.ts';
import { projectAttributes, splitAttributeList } from './project-attributes.ts';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const user: JsonObject = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: '1',
  userName: 'a@x.org',
  name: { givenName: 'A', familyName: 'B' },
  emails: [
    { value: 'a@x.org', type: 'work', primary: true },
    { value: 'a@home.org', type: 'home' },
  ],
  [ENTERPRISE]: { department: 'D', manager: { value: 'm' } },
  meta: { resourceType: 'User' },
};

describe('projectAttributes', () => {
  const cases: Array<[string, { attributes?: string; excludedAttributes?: string }, JsonObject]> = [
    [
      'attributes keep id and schemas',
      { attributes: 'userName' },
      { schemas: user.schemas, id: '1', userName: 'a@x.org' } as JsonObject,
    ],
    [
      'case-insensitive names',
      { attributes: 'USERNAME,Emails' },
      { schemas: user.schemas, id: '1', userName: 'a@x.org', emails: user.emails } as JsonObject,
    ],
    [
      'sub-attribute',
      { attributes: 'name.givenName' },
      { schemas: user.schemas, id: '1', name: { givenName: 'A' } } as JsonObject,
    ],
    [
      'sub-attribute of multi-valued',
      { attributes: 'emails.type' },
      { schemas: user.schemas, id: '1', emails: [{ type: 'work' }, { type: 'home' }] } as JsonObject,
    ],
    [
      'value filter in attributes',
      { attributes: 'emails[type eq "work"]' },
      {
        schemas: user.schemas,
        id: '1',
        emails: [{ value: 'a@x.org', type: 'work', primary: true }],
      } as JsonObject,
    ],
    [
      'extension attribute',
      { attributes: `${ENTERPRISE}:department` },
      { schemas: user.schemas, id: '1', [ENTERPRISE]: { department: 'D' } } as JsonObject,
    ],
    ['unknown attribute', { attributes: 'nickName' }, { schemas: user.schemas, id: '1' } as JsonObject],
  ];
  it.each(cases)('%s', (_name, query, expected) => {
    expect(
      projectAttributes(user, {
        attributes: splitAttributeList(query.attributes),
        excludedAttributes: splitAttributeList(query.excludedAttributes),
      }),
    ).toEqual(expected);
  });

  it('excludedAttributes removes, never id', () => {
    const result = projectAttributes(user, {
      excludedAttributes: splitAttributeList('emails,id,name.familyName'),
    });
    expect(result.emails).toBeUndefined();
    expect(result.id).toBe('1');
    expect(result.name).toEqual({ givenName: 'A' });
    expect(user.emails).toBeDefined();
  });

  it('splits lists but not inside filters', () => {
    expect(splitAttributeList('a, b ,emails[type eq "a,b"]')).toEqual(['a', 'b', 'emails[type eq "a,b"]']);
    expect(splitAttributeList('')).toBeUndefined();
  });
});
