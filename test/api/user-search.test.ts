// The users list's search finds a person as the list shows them (SPEC §8: users list with search):
// by the start of the email, first name, last name, display name, or first and last name together.
import { beforeAll, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const harness = useTestApp();
let customerId = '';

function api(method: 'GET' | 'POST', url: string, payload?: object) {
  const { app, tokens, auth } = harness();
  return app.inject({ method, url, headers: auth(tokens.partnerFull), ...(payload ? { payload } : {}) });
}

const PEOPLE = [
  { email: 'bram@search.example', firstName: 'Bram', lastName: 'Jansen' },
  { email: 'sanne@search.example', firstName: 'Sanne', lastName: 'de Vries' },
  { email: 'piet@search.example', firstName: 'Piet', lastName: 'Bakker', displayName: 'P. Bakker-Smit' },
];

beforeAll(async () => {
  const created = await api('POST', '/v1/customers', {
    name: 'Search BV',
    externalId: 'SEARCH-1',
    adminEmail: 'it@search-bv.example',
    country: 'NL',
    packages: [{ id: 'webex_meetings' }],
  });
  expect(created.statusCode, created.body).toBe(202);
  customerId = created.json<{ id: string }>().id;
  await harness().drainJobs();
  for (const person of PEOPLE) {
    const added = await api('POST', `/v1/customers/${customerId}/users`, {
      ...person,
      package: 'webex_meetings',
    });
    expect(added.statusCode, added.body).toBe(201);
  }
});

it.each([
  ['first and last name', 'Bram Jansen', ['bram@search.example']],
  ['first and last name, spaces as typed', '  bram   jans ', ['bram@search.example']],
  ['a last name of two words', 'de Vries', ['sanne@search.example']],
  ['the display name', 'p. bakker', ['piet@search.example']],
  ['a last name alone', 'jansen', ['bram@search.example']],
  ['an email', 'sanne@', ['sanne@search.example']],
  ['a name nobody has', 'Bram Vries', []],
  ['a LIKE wildcard, as text', '%', []],
  ['any case', 'BRAM', ['bram@search.example']],
  // A prefix, not a part: the customers list finds a part of the name, this list does not.
  ['the middle of a name', 'anse', []],
  ['the middle of an email', 'search.example', []],
])('finds by %s (%j)', async (_case, search, emails) => {
  const found = await api('GET', `/v1/customers/${customerId}/users?search=${encodeURIComponent(search)}`);
  expect(found.statusCode, found.body).toBe(200);
  expect(found.json<{ items: { email: string }[] }>().items.map((user) => user.email)).toEqual(emails);
});

it('documents the search as a prefix of email or name in the OpenAPI document', async () => {
  const response = await harness().app.inject({ url: '/openapi.json' });
  expect(response.statusCode).toBe(200);
  const document = response.json<{
    paths: Record<string, { get?: { parameters?: { name: string; description?: string }[] } }>;
  }>();
  const search = document.paths['/v1/customers/{customerId}/users']?.get?.parameters?.find(
    (parameter) => parameter.name === 'search',
  );
  expect(search?.description).toMatch(/^The start of the email, first name, last name/);
  expect(search?.description).toContain('case-insensitive');
  expect(search?.description).toContain('unlike the customers list');
});
