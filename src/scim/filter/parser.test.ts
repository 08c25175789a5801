import { describe, expect, it } from 'vitest';
import { ScimError } from '../errors.ts';
import type { FilterNode } from './ast.ts';
import { parseFilter } from './parser.ts';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const eq = (attr: string, value: string | number | boolean | null, extra: object = {}): FilterNode => ({
  kind: 'compare',
  path: { attr, ...extra },
  op: 'eq',
  value,
});

describe('parseFilter', () => {
  const cases: Array<[string, FilterNode]> = [
    ['userName eq "bjensen"', eq('userName', 'bjensen')],
    ['userName EQ "bjensen"', eq('userName', 'bjensen')],
    ['userName Eq "with \\"quotes\\" and \\u00e9"', eq('userName', 'with "quotes" and é')],
    [
      'name.familyName co "O\'Malley"',
      { kind: 'compare', path: { attr: 'name', subAttr: 'familyName' }, op: 'co', value: "O'Malley" },
    ],
    ['title pr', { kind: 'present', path: { attr: 'title' } }],
    ['title PR', { kind: 'present', path: { attr: 'title' } }],
    ['active eq true', eq('active', true)],
    ['active eq False', eq('active', false)],
    ['manager eq null', eq('manager', null)],
    ['count gt 10', { kind: 'compare', path: { attr: 'count' }, op: 'gt', value: 10 }],
    ['score le -1.5e2', { kind: 'compare', path: { attr: 'score' }, op: 'le', value: -150 }],
    // Entra ID leniency: unquoted string values.
    ['userName sw O', { kind: 'compare', path: { attr: 'userName' }, op: 'sw', value: 'O' }],
    [
      'meta.Created gt 2015-10-10T14:38:21.8617979-07:00',
      {
        kind: 'compare',
        path: { attr: 'meta', subAttr: 'Created' },
        op: 'gt',
        value: '2015-10-10T14:38:21.8617979-07:00',
      },
    ],
    [
      `${ENTERPRISE}:department eq "Sales"`,
      { kind: 'compare', path: { uri: ENTERPRISE, attr: 'department' }, op: 'eq', value: 'Sales' },
    ],
    [
      `${ENTERPRISE}:manager.value eq "42"`,
      {
        kind: 'compare',
        path: { uri: ENTERPRISE, attr: 'manager', subAttr: 'value' },
        op: 'eq',
        value: '42',
      },
    ],
    [
      'urn:ietf:params:scim:schemas:core:2.0:User:userName eq "a"',
      eq('userName', 'a', { uri: 'urn:ietf:params:scim:schemas:core:2.0:User' }),
    ],
    ['urn:example:custom:thing eq "a"', eq('thing', 'a', { uri: 'urn:example:custom' })],
    // and binds tighter than or
    [
      'a eq "1" or b eq "2" and c eq "3"',
      { kind: 'or', left: eq('a', '1'), right: { kind: 'and', left: eq('b', '2'), right: eq('c', '3') } },
    ],
    [
      '(a eq "1" or b eq "2") and c eq "3"',
      { kind: 'and', left: { kind: 'or', left: eq('a', '1'), right: eq('b', '2') }, right: eq('c', '3') },
    ],
    ['a eq "1" AND b eq "2"', { kind: 'and', left: eq('a', '1'), right: eq('b', '2') }],
    [
      'a eq "1" and b eq "2" and c eq "3"',
      { kind: 'and', left: { kind: 'and', left: eq('a', '1'), right: eq('b', '2') }, right: eq('c', '3') },
    ],
    ['not (a eq "1")', { kind: 'not', expr: eq('a', '1') }],
    [
      'NOT(a eq "1") and b pr',
      {
        kind: 'and',
        left: { kind: 'not', expr: eq('a', '1') },
        right: { kind: 'present', path: { attr: 'b' } },
      },
    ],
    ['not eq "x"', eq('not', 'x')],
    [
      'emails[type eq "work" and value co "@x"]',
      {
        kind: 'valuePath',
        path: { attr: 'emails' },
        filter: {
          kind: 'and',
          left: eq('type', 'work'),
          right: { kind: 'compare', path: { attr: 'value' }, op: 'co', value: '@x' },
        },
      },
    ],
    [
      'userType eq "Employee" and emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp"]',
      {
        kind: 'or',
        left: {
          kind: 'and',
          left: eq('userType', 'Employee'),
          right: {
            kind: 'valuePath',
            path: { attr: 'emails' },
            filter: {
              kind: 'and',
              left: eq('type', 'work'),
              right: { kind: 'compare', path: { attr: 'value' }, op: 'co', value: '@example.com' },
            },
          },
        },
        right: { kind: 'valuePath', path: { attr: 'ims' }, filter: eq('type', 'xmpp') },
      },
    ],
    [
      'name.FamilyName eq Employee and (emails.Value co example.com or emails.Value co example.org)',
      {
        kind: 'and',
        left: eq('name', 'Employee', { subAttr: 'FamilyName' }),
        right: {
          kind: 'or',
          left: {
            kind: 'compare',
            path: { attr: 'emails', subAttr: 'Value' },
            op: 'co',
            value: 'example.com',
          },
          right: {
            kind: 'compare',
            path: { attr: 'emails', subAttr: 'Value' },
            op: 'co',
            value: 'example.org',
          },
        },
      },
    ],
    ['  userName   eq   "x"  ', eq('userName', 'x')],
    [
      'members[value eq "abc"].display pr'.replace('.display pr', ''),
      { kind: 'valuePath', path: { attr: 'members' }, filter: eq('value', 'abc') },
    ],
    ['meta.$ref eq "x"', eq('meta', 'x', { subAttr: '$ref' })],
  ];

  it.each(cases)('%s', (input, expected) => {
    expect(parseFilter(input)).toEqual(expected);
  });

  const invalid: string[] = [
    '',
    '   ',
    'userName',
    'userName eq',
    'userName xx "a"',
    'userName eq "unterminated',
    '(userName eq "a"',
    'userName eq "a")',
    'userName eq "a" and',
    'userName eq "a" or or b pr',
    'and eq "a" b',
    'emails[type eq "work"',
    'emails[type eq "work"]]',
    'a.b.c eq "x"',
    '1abc eq "x"',
    'user name eq "x"',
    'name.givenName[type eq "x"]',
    'userName eq "a" userName eq "b"',
    '"x" eq userName',
  ];

  it.each(invalid)('rejects %j with invalidFilter', (input) => {
    let caught: unknown;
    try {
      parseFilter(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScimError);
    expect((caught as ScimError).scimType).toBe('invalidFilter');
    expect((caught as ScimError).status).toBe(400);
  });
});

describe('parseFilter size bound', () => {
  // Beyond MAX_FILTER_TOKENS: refused before the recursive descent can exhaust the stack.
  const huge: Array<[string, string]> = [
    ['20000 nested parentheses', `${'('.repeat(20_000)}userName pr${')'.repeat(20_000)}`],
    ['20000 nested nots', `${'not ('.repeat(20_000)}userName pr${')'.repeat(20_000)}`],
    ['20000 terms joined by and', Array.from({ length: 20_000 }, () => 'userName pr').join(' and ')],
  ];
  it.each(huge)('refuses %s with invalidFilter', (_name, input) => {
    expect(() => parseFilter(input)).toThrow(
      expect.objectContaining({ status: 400, scimType: 'invalidFilter' }) as Error,
    );
  });

  it('accepts a long but reasonable filter', () => {
    const terms = Array.from({ length: 100 }, (_, i) => `userName eq "u${i}"`).join(' or ');
    expect(() => parseFilter(`(${terms}) and active eq true`)).not.toThrow();
  });
});
