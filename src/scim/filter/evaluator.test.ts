import { describe, expect, it } from 'vitest';
import { ScimError } from '../errors.ts';
import type { JsonObject } from '../json.ts';
import { matchesFilter } from './evaluator.ts';
import { parseFilter } from './parser.ts';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const user: JsonObject = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
  id: 'AbC-123',
  externalId: 'Ext-9',
  userName: 'Bjensen@Example.com',
  displayName: 'Babs Jensen',
  active: true,
  title: '',
  name: { givenName: 'Barbara', familyName: 'Jensen' },
  emails: [
    { value: 'bjensen@example.com', type: 'work', Primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  phoneNumbers: [{ value: '+31201234567', type: 'work' }],
  roles: [],
  loginCount: 42,
  meta: {
    created: '2019-09-18T18:15:26.5788954+00:00',
    lastModified: '2020-01-01T00:00:00Z',
    version: 'W/"3"',
  },
  [ENTERPRISE]: { department: 'Sales', manager: { value: 'M-1', displayName: 'Boss' } },
};

describe('matchesFilter', () => {
  const cases: Array<[string, boolean]> = [
    ['userName eq "bjensen@example.com"', true], // userName is caseExact=false
    ['USERNAME eq "BJENSEN@EXAMPLE.COM"', true],
    ['userName ne "bjensen@example.com"', false],
    ['userName ne "other"', true],
    ['id eq "AbC-123"', true],
    ['id eq "abc-123"', false], // id is caseExact
    ['externalId eq "ext-9"', false],
    ['externalId eq "Ext-9"', true],
    ['userName co "@EXAMPLE"', true],
    ['userName sw "bj"', true],
    ['userName ew ".COM"', true],
    ['userName ew ".org"', false],
    ['displayName eq "Babs Jensen"', true],
    ['DisplayName eq "babs jensen"', true],
    ['name.familyName eq "jensen"', true],
    ['name.FamilyName eq Jensen', true],
    ['name.middleName pr', false],
    ['name pr', true],
    ['title pr', false], // empty string is not present
    ['roles pr', false], // empty array is not present
    ['nickName pr', false],
    ['active eq true', true],
    ['active eq false', false],
    ['active ne false', true],
    ['emails.value co "jensen.org"', true],
    ['emails co "jensen.org"', true], // complex multi-valued without sub-attribute compares `value`
    ['emails.type eq "home"', true],
    ['emails.type eq "other"', false],
    ['emails[type eq "work" and value co "@example.com"]', true],
    ['emails[type eq "home" and value co "@example.com"]', false],
    ['emails[primary eq true]', true],
    ['emails[type eq "home" and primary eq true]', false],
    ['loginCount gt 41', true],
    ['loginCount ge 42', true],
    ['loginCount lt 42', false],
    ['loginCount le 42', true],
    ['loginCount eq 42', true],
    ['meta.created gt "2015-10-10T14:38:21.8617979-07:00"', true],
    ['meta.Created gt 2015-10-10T14:38:21.8617979-07:00', true],
    ['meta.created lt "2019-09-18T18:15:26Z"', false],
    ['meta.created eq "2019-09-18T20:15:26.5788954+02:00"', true], // same instant, other offset
    ['meta.lastModified ge "2020-01-01T00:00:00Z"', true],
    ['meta.version eq "w/\\"3\\""', false],
    ['userName gt "a"', true],
    ['userName lt "a"', false],
    [`${ENTERPRISE}:department eq "sales"`, true],
    [`${ENTERPRISE}:manager.value eq "M-1"`, true],
    [`${ENTERPRISE}:manager.displayName eq "Nobody"`, false],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName sw "BJ"', true],
    ['urn:example:other:2.0:User:department eq "Sales"', false],
    ['not (userName eq "x")', true],
    ['not (userName pr)', false],
    ['userName eq "x" or displayName sw "Babs"', true],
    ['userName eq "x" or displayName sw "Babs" and active eq false', false],
    ['(userName eq "x" or displayName sw "Babs") and active eq true', true],
    ['phoneNumbers[type eq "work"] and emails.value ew "org"', true],
    ['manager eq null', true],
    ['displayName eq null', false],
  ];

  it.each(cases)('%s → %s', (filter, expected) => {
    expect(matchesFilter(parseFilter(filter), user)).toBe(expected);
  });

  it('compares an Entra "True" string stored as a boolean-ish value', () => {
    expect(matchesFilter(parseFilter('active eq true'), { active: 'True' })).toBe(true);
  });

  it('honours a custom caseExact rule', () => {
    const filter = parseFilter('userName eq "bjensen@example.com"');
    expect(matchesFilter(filter, user, { isCaseExact: (p) => p === 'username' })).toBe(false);
  });

  it.each(['active gt true', 'active co true', 'userName gt null'])('%s is an invalidFilter', (filter) => {
    expect(() => matchesFilter(parseFilter(filter), user)).toThrow(ScimError);
  });
});
