import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import {
  createScimCustomer,
  ENTERPRISE,
  ERROR_SCHEMA,
  GROUP_SCHEMA,
  PATCH_OP,
  scimUser,
} from './scim-harness.ts';
import type { ScimCustomer } from './scim-harness.ts';

// Fuzzing findings: a malformed value must answer 400 and change nothing, never be read as "empty"
// (`replace members "x"` emptied the group); a 1 MB group name answered 500; a filter value that
// cannot be of the attribute's type answered 200 with an empty list.

const testApp = useTestApp();

// Emails are unique across customers, and every test gets a customer of its own.
let sequence = 0;
const unique = (local: string): string => `${local}-${++sequence}@malformed.example`;

interface ErrorBody {
  schemas: string[];
  scimType?: string;
  detail: string;
  status: string;
}

async function userId(
  scim: ScimCustomer,
  userName: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const response = await scim.request('POST', '/Users', scimUser(userName, extra));
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { id: string }).id;
}

async function groupWith(scim: ScimCustomer, displayName: string, members: string[]): Promise<string> {
  const response = await scim.request('POST', '/Groups', {
    schemas: [GROUP_SCHEMA],
    displayName,
    members: members.map((value) => ({ value })),
  });
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { id: string }).id;
}

async function snapshot(scim: ScimCustomer, path: string): Promise<string> {
  const response = await scim.request('GET', path);
  expect(response.statusCode, response.body).toBe(200);
  return response.body;
}

function expectRefused(
  response: { statusCode: number; body: string },
  scimType: string,
  names: RegExp,
): void {
  expect(response.statusCode, response.body).toBe(400);
  const body = JSON.parse(response.body) as ErrorBody;
  expect(body.schemas).toEqual([ERROR_SCHEMA]);
  expect(body.scimType).toBe(scimType);
  expect(body.detail).toMatch(names);
}

const groupPatches: Array<[string, unknown[], string]> = [
  ['replace members with a string', [{ op: 'replace', path: 'members', value: 'x' }], 'invalidValue'],
  [
    'replace members with a list of strings',
    [{ op: 'replace', path: 'members', value: ['x'] }],
    'invalidValue',
  ],
  ['Entra removal with a string', [{ op: 'Remove', path: 'members', value: 'x' }], 'invalidValue'],
  [
    'path-less replace of members with a string',
    [{ op: 'Replace', value: { members: 'oops' } }],
    'invalidValue',
  ],
  [
    'replace through a value filter with a string',
    [{ op: 'replace', path: 'members[value eq "x"]', value: 'x' }],
    'invalidValue',
  ],
  [
    'sub-attribute of members without a filter',
    [{ op: 'replace', path: 'members.value', value: 'x' }],
    'invalidPath',
  ],
  [
    'replace members with a number (already refused)',
    [{ op: 'replace', path: 'members', value: 42 }],
    'invalidValue',
  ],
];

describe('SCIM Groups: a malformed member write answers 400 and changes nothing', () => {
  it.each(groupPatches)('PATCH: %s', async (_name, operations, scimType) => {
    const scim = await createScimCustomer(testApp());
    const member = await userId(scim, unique('member'));
    const groupId = await groupWith(scim, 'Kept', [member]);
    const before = await snapshot(scim, `/Groups/${groupId}`);

    const response = await scim.request('PATCH', `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: operations,
    });

    expectRefused(response, scimType, /members/);
    expect(await snapshot(scim, `/Groups/${groupId}`)).toBe(before);
  });

  it('PUT and POST with "members" as a string are refused; the group keeps its members', async () => {
    const scim = await createScimCustomer(testApp());
    const member = await userId(scim, unique('put-member'));
    const groupId = await groupWith(scim, 'Kept', [member]);
    const before = await snapshot(scim, `/Groups/${groupId}`);

    const put = await scim.request('PUT', `/Groups/${groupId}`, {
      schemas: [GROUP_SCHEMA],
      displayName: 'Kept',
      members: 'oops',
    });
    expectRefused(put, 'invalidValue', /members/);
    expect(await snapshot(scim, `/Groups/${groupId}`)).toBe(before);

    const post = await scim.request('POST', '/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: 'New',
      members: 'oops',
    });
    expectRefused(post, 'invalidValue', /members/);
  });

  it('well-formed member writes still work: a single object, a value filter removal, an empty replace', async () => {
    const scim = await createScimCustomer(testApp());
    const [a, b] = [await userId(scim, unique('a')), await userId(scim, unique('b'))];
    const groupId = await groupWith(scim, 'Works', [a]);
    const add = await scim.request('PATCH', `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'add', path: 'members', value: { value: b } }],
    });
    expect(add.statusCode, add.body).toBe(204);
    const remove = await scim.request('PATCH', `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'remove', path: `members[value eq "${a}"]` }],
    });
    expect(remove.statusCode, remove.body).toBe(204);
    const group = (await scim.request('GET', `/Groups/${groupId}`)).json() as {
      members: { value: string }[];
    };
    expect(group.members.map((m) => m.value)).toEqual([b]);
    // Microsoft's reference collection adds a bare string id: an unknown one changes nothing.
    const bare = await scim.request('PATCH', `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'add', path: 'members', value: 'string id 1' }],
    });
    expect(bare.statusCode, bare.body).toBe(204);
    const afterBare = (await scim.request('GET', `/Groups/${groupId}`)).json() as {
      members: { value: string }[];
    };
    expect(afterBare.members.map((m) => m.value)).toEqual([b]);
    const clear = await scim.request('PATCH', `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: 'members', value: [] }],
    });
    expect(clear.statusCode, clear.body).toBe(204);
    expect(
      ((await scim.request('GET', `/Groups/${groupId}`)).json() as { members: unknown[] }).members,
    ).toEqual([]);
  });
});

describe('SCIM Groups: displayName length', () => {
  it('a name over 256 characters answers 400 invalidValue on POST, PUT and PATCH, not 500', async () => {
    const scim = await createScimCustomer(testApp());
    const huge = 'G'.repeat(1_000_000);
    const post = await scim.request('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: huge });
    expectRefused(post, 'invalidValue', /displayName/);
    expectRefused(
      await scim.request('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'G'.repeat(257) }),
      'invalidValue',
      /displayName/,
    );

    const longest = await scim.request('POST', '/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: 'G'.repeat(256),
    });
    expect(longest.statusCode, longest.body).toBe(201);
    const groupId = (longest.json() as { id: string }).id;
    const before = await snapshot(scim, `/Groups/${groupId}`);

    const put = await scim.request('PUT', `/Groups/${groupId}`, {
      schemas: [GROUP_SCHEMA],
      displayName: huge,
    });
    expectRefused(put, 'invalidValue', /displayName/);
    const patch = await scim.request('PATCH', `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: 'displayName', value: huge }],
    });
    expectRefused(patch, 'invalidValue', /displayName/);
    expect(await snapshot(scim, `/Groups/${groupId}`)).toBe(before);
  });
});

const userPatches: Array<[string, unknown[], RegExp]> = [
  [
    'replace emails with a string',
    [{ op: 'replace', path: 'emails', value: 'x@malformed.example' }],
    /emails/,
  ],
  [
    'replace phoneNumbers with a string',
    [{ op: 'replace', path: 'phoneNumbers', value: '+31 6 12345678' }],
    /phoneNumbers/,
  ],
  [
    'replace addresses with a string',
    [{ op: 'replace', path: 'addresses', value: 'Main street 1' }],
    /addresses/,
  ],
  [
    'path-less replace of addresses with a string',
    [{ op: 'Replace', value: { addresses: 'x' } }],
    /addresses/,
  ],
  ['replace name with a string', [{ op: 'replace', path: 'name', value: 'x' }], /name/],
];

describe('SCIM Users: a malformed multi-valued or complex value answers 400 and changes nothing', () => {
  const extra = {
    emails: [{ value: 'kept@malformed.example', type: 'work', primary: true }],
    phoneNumbers: [{ value: '+31 20 1234567', type: 'work' }],
    addresses: [{ type: 'work', locality: 'Amsterdam' }],
  };

  it.each(userPatches)('PATCH: %s', async (_name, operations, names) => {
    const scim = await createScimCustomer(testApp());
    const id = await userId(scim, unique('kept'), extra);
    const before = await snapshot(scim, `/Users/${id}`);
    const response = await scim.request('PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: operations,
    });
    expectRefused(response, 'invalidValue', names);
    expect(await snapshot(scim, `/Users/${id}`)).toBe(before);
  });

  it.each([
    ['addresses', 'Main street 1'],
    ['phoneNumbers', '+31 6 12345678'],
    ['emails', 'kept@malformed.example'],
    ['name', 'x'],
  ])('PUT with "%s" as a string is refused', async (attribute, value) => {
    const scim = await createScimCustomer(testApp());
    const userName = unique('kept');
    const id = await userId(scim, userName, extra);
    const before = await snapshot(scim, `/Users/${id}`);
    const response = await scim.request('PUT', `/Users/${id}`, {
      ...scimUser(userName, extra),
      [attribute]: value,
    });
    expectRefused(response, 'invalidValue', new RegExp(attribute));
    expect(await snapshot(scim, `/Users/${id}`)).toBe(before);
  });

  it("Entra's manager id as a bare string is still the manager", async () => {
    const scim = await createScimCustomer(testApp());
    const id = await userId(scim, unique('managed'));
    const response = await scim.request('PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Add', path: `${ENTERPRISE}:manager`, value: 'mgr-1' }],
    });
    expect(response.statusCode, response.body).toBe(204);
    const user = (await scim.request('GET', `/Users/${id}`)).json() as Record<string, unknown>;
    expect(user[ENTERPRISE]).toMatchObject({ manager: { value: 'mgr-1' } });
  });
});

describe('SCIM filters: a value that cannot be of the attribute type answers 400 invalidFilter', () => {
  const q = (filter: string): string => `?filter=${encodeURIComponent(filter)}`;

  it.each([
    ['/Users', 'meta.created gt "not-a-date"'],
    ['/Users', 'meta.lastModified le "yesterday"'],
    ['/Users', 'active eq "maybe"'],
    ['/Users', 'active eq 1'],
    ['/Users', 'emails[primary eq "maybe"]'],
    ['/Users', 'userName eq true'],
    ['/Groups', 'meta.created gt "not-a-date"'],
    ['/Groups', 'displayName eq true'],
    ['/Groups', 'members[value eq false]'],
  ])('GET %s?filter=%s', async (endpoint, filter) => {
    const scim = await createScimCustomer(testApp());
    await userId(scim, unique('filtered'));
    expectRefused(await scim.request('GET', `${endpoint}${q(filter)}`), 'invalidFilter', /./);
    const search = await scim.request('POST', `${endpoint}/.search`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter,
    });
    expectRefused(search, 'invalidFilter', /./);
  });

  it('well-typed values still filter: dates, booleans and Entra\'s "True"', async () => {
    const scim = await createScimCustomer(testApp());
    await userId(scim, unique('active'));
    for (const filter of [
      'meta.created gt "2000-01-01T00:00:00Z"',
      'meta.lastModified ge "2000-01-01"',
      'active eq true',
      'active eq "True"',
      'emails[primary eq true] or userName pr',
    ]) {
      const response = await scim.request('GET', `/Users${q(filter)}`);
      expect(response.statusCode, `${filter}: ${response.body}`).toBe(200);
      expect((response.json() as { totalResults: number }).totalResults, filter).toBe(1);
    }
  });
});
