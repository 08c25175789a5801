import { describe, expect, it } from 'vitest';
import { ScimError } from '../errors.ts';
import type { PatchPath } from './ast.ts';
import { parsePatchPath } from './path-parser.ts';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('parsePatchPath', () => {
  const cases: Array<[string, PatchPath]> = [
    ['userName', { attr: 'userName' }],
    ['name.givenName', { attr: 'name', subAttr: 'givenName' }],
    ['members', { attr: 'members' }],
    [
      'members[value eq "x"]',
      { attr: 'members', filter: { kind: 'compare', path: { attr: 'value' }, op: 'eq', value: 'x' } },
    ],
    [
      'emails[type eq "work"].value',
      {
        attr: 'emails',
        filter: { kind: 'compare', path: { attr: 'type' }, op: 'eq', value: 'work' },
        subAttr: 'value',
      },
    ],
    [
      'addresses[type eq "work"].streetAddress',
      {
        attr: 'addresses',
        filter: { kind: 'compare', path: { attr: 'type' }, op: 'eq', value: 'work' },
        subAttr: 'streetAddress',
      },
    ],
    [
      'emails[type eq "work" and primary eq true]',
      {
        attr: 'emails',
        filter: {
          kind: 'and',
          left: { kind: 'compare', path: { attr: 'type' }, op: 'eq', value: 'work' },
          right: { kind: 'compare', path: { attr: 'primary' }, op: 'eq', value: true },
        },
      },
    ],
    [`${ENTERPRISE}:manager`, { uri: ENTERPRISE, attr: 'manager' }],
    [`${ENTERPRISE}:manager.value`, { uri: ENTERPRISE, attr: 'manager', subAttr: 'value' }],
    [`${ENTERPRISE.toLowerCase()}:department`, { uri: ENTERPRISE, attr: 'department' }],
    [ENTERPRISE, { uri: ENTERPRISE }],
    [
      'urn:ietf:params:scim:schemas:core:2.0:User:name.familyName',
      { uri: 'urn:ietf:params:scim:schemas:core:2.0:User', attr: 'name', subAttr: 'familyName' },
    ],
    [' active ', { attr: 'active' }],
  ];

  it.each(cases)('%s', (input, expected) => {
    expect(parsePatchPath(input)).toEqual(expected);
  });

  const invalid = [
    '',
    'a.b.c',
    'emails[type eq "work"',
    'emails[type eq]',
    'emails[type eq "work"]value',
    'emails[type eq "work"].',
    'name.givenName[type eq "x"]',
    'bad name',
    '9lives',
  ];
  it.each(invalid)('rejects %j with invalidPath', (input) => {
    let caught: unknown;
    try {
      parsePatchPath(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScimError);
    expect((caught as ScimError).scimType).toBe('invalidPath');
  });
});
