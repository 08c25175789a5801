// Filters on attributes with a column run in SQL (filter-to-sql.ts), the rest in memory
// (evaluator.ts). Both must answer the same: each filter below is run through the endpoint (SQL when
// it can) and compared with the evaluator applied to every user of the customer.
import { beforeAll, describe, expect, it } from 'vitest';
import { matchesFilter } from '../../src/scim/filter/evaluator.ts';
import { parseFilter } from '../../src/scim/filter/parser.ts';
import type { JsonObject } from '../../src/scim/json.ts';
import { useTestApp } from '../helpers/app.ts';
import { addUserOutsideScim, createScimCustomer, ENTERPRISE, PATCH_OP, scimUser } from './scim-harness.ts';
import type { ScimCustomer } from './scim-harness.ts';

const testApp = useTestApp();
let scim: ScimCustomer;
let everyone: JsonObject[];

const people: Array<[string, Record<string, unknown>]> = [
  [
    'Anna@Example.org',
    { displayName: 'Anna A', externalId: 'E-1', title: 'CEO', [ENTERPRISE]: { department: 'Board' } },
  ],
  [
    'bert@example.org',
    { displayName: 'bert b', externalId: 'e-1', name: { givenName: 'Bert', familyName: "O'Neil" } },
  ],
  ['carl_x@example.net', { externalId: 'E-3', title: '', [ENTERPRISE]: { department: 'sales' } }],
  ['dora%@example.net', { displayName: 'Dora', name: { givenName: 'Dora', familyName: 'Zed' } }],
  ['eve@other.example', { active: false, displayName: 'Évé' }],
];

beforeAll(async () => {
  scim = await createScimCustomer(testApp());
  for (const [userName, extra] of people) {
    const response = await scim.request('POST', '/Users', scimUser(userName, extra));
    expect(response.statusCode, response.body).toBe(201);
  }
  // A user created outside SCIM: userName is its email, no externalId.
  const plain = await addUserOutsideScim(testApp(), scim, {
    email: 'plain@example.org',
    firstName: 'Plain',
    lastName: 'User',
    package: 'webex_meetings',
  });
  expect(plain.statusCode, plain.body).toBe(201);
  const all = await scim.request('GET', '/Users?count=1000');
  everyone = (all.json() as { Resources: JsonObject[] }).Resources;
  expect(everyone).toHaveLength(6);
  // Touch one user so that lastModified differs from created.
  const bert = everyone.find((user) => user.userName === 'bert@example.org');
  await scim.request('PATCH', `/Users/${String(bert?.id)}`, {
    schemas: [PATCH_OP],
    Operations: [{ op: 'replace', path: 'title', value: 'Dev' }],
  });
  everyone = ((await scim.request('GET', '/Users?count=1000')).json() as { Resources: JsonObject[] })
    .Resources;
});

const filters = [
  'userName eq "anna@example.org"',
  'userName ne "anna@example.org"',
  'userName co "_x"',
  'userName co "%"',
  'userName sw "D"',
  'userName ew ".NET"',
  'userName gt "c"',
  'userName le "bert@example.org"',
  'userName eq "plain@example.org"',
  'externalId eq "E-1"',
  'externalId eq "e-1"',
  'externalId pr',
  'not (externalId pr)',
  'displayName co "b"',
  'displayName eq "évé"',
  'displayName pr',
  'title pr',
  'name.familyName eq "o\'neil"',
  'name.givenName sw "d" or name.familyName pr',
  'active eq false',
  'active eq true and displayName pr',
  'active ne true',
  `${ENTERPRISE}:department eq "SALES"`,
  `${ENTERPRISE}:department pr`,
  'meta.created gt "2000-01-01T00:00:00Z"',
  'meta.created lt "2000-01-01T00:00:00Z"',
  'meta.lastModified ge "2000-01-01T00:00:00Z"',
  '(userName sw "a" or userName sw "b") and not (externalId eq "E-1")',
];

describe('filter in SQL agrees with the evaluator', () => {
  it.each(filters)('%s', async (filter) => {
    const response = await scim.request('GET', `/Users?count=1000&filter=${encodeURIComponent(filter)}`);
    expect(response.statusCode, response.body).toBe(200);
    const fromEndpoint = (response.json() as { Resources: JsonObject[] }).Resources.map(
      (user) => user.userName,
    ).sort();
    const node = parseFilter(filter);
    const fromEvaluator = everyone
      .filter((user) => matchesFilter(node, user))
      .map((user) => user.userName)
      .sort();
    expect(fromEndpoint).toEqual(fromEvaluator);
  });

  it('the table is not trivial: filters select different, non-empty subsets', async () => {
    const sizes = new Set(
      filters.map((filter) => everyone.filter((user) => matchesFilter(parseFilter(filter), user)).length),
    );
    expect(sizes.size).toBeGreaterThan(3);
  });
});
