// Audit findings on users and numbers, through every channel that reaches the planner: the default
// preferred Webex site (SPEC §2), warnings of the single add (§3), national number ranges (§4),
// extension conflicts (§7), CSV row errors and dry-run previews (§6), time zone and language checks.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createScimCustomer, scimUser } from '../scim/scim-harness.ts';

interface Issue {
  code: string;
  description: string;
  field?: string;
}

interface RowBody {
  row: number;
  action: string;
  status: string;
  messages: string[];
  changes: { field: string; before: unknown; after: unknown }[] | null;
}

const harness = useTestApp();
let customerId = '';

function api(method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) {
  const { app, tokens, auth } = harness();
  return app.inject({ method, url, headers: auth(tokens.partnerFull), ...(payload ? { payload } : {}) });
}

async function userByEmail(email: string) {
  const list = await api('GET', `/v1/customers/${customerId}/users?search=${encodeURIComponent(email)}`);
  return list.json<{ items: { id: string; email: string; preferredWebexSite: string | null }[] }>().items[0];
}

async function importCsv(csv: string, dryRun = false) {
  const { app, tokens, auth, drainJobs } = harness();
  const created = await app.inject({
    method: 'POST',
    url: `/v1/customers/${customerId}/imports?behaviour=add-only&dryRun=${dryRun}`,
    headers: { ...auth(tokens.partnerFull), 'content-type': 'text/csv' },
    payload: csv,
  });
  expect(created.statusCode, created.body).toBe(202);
  await drainJobs();
  const rows = await api('GET', `/v1/customers/${customerId}/imports/${created.json().id}/rows?max=100`);
  return rows.json<{ items: RowBody[] }>().items;
}

beforeAll(async () => {
  const created = await api('POST', '/v1/customers', {
    name: 'Audit BV',
    externalId: 'AUDIT-1',
    adminEmail: 'it@audit.example',
    country: 'NL',
    packages: [{ id: 'webex_calling' }, { id: 'webex_meetings' }, { id: 'webex_suite' }],
    firstLocation: { name: 'Amsterdam HQ', country: 'NL', timeZone: 'Europe/Amsterdam' },
  });
  expect(created.statusCode, created.body).toBe(202);
  customerId = created.json().id;
  await harness().drainJobs();
  const utrecht = await api('POST', `/v1/customers/${customerId}/locations`, {
    name: 'Utrecht',
    country: 'NL',
    timeZone: 'Europe/Amsterdam',
  });
  expect(utrecht.statusCode, utrecht.body).toBe(201);
});

describe('number ranges in national format (SPEC §4)', () => {
  it('adds 0301234500-0301234503 to Utrecht as four E.164 numbers', async () => {
    const response = await api('POST', `/v1/customers/${customerId}/numbers`, {
      location: 'Utrecht',
      numbers: ['0301234500-0301234503'],
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toEqual({
      added: 4,
      alreadyPresent: 0,
      numbers: ['+31301234500', '+31301234501', '+31301234502', '+31301234503'],
    });
  });

  it('still refuses a descending national range', async () => {
    const response = await api('POST', `/v1/customers/${customerId}/numbers`, {
      location: 'Utrecht',
      numbers: ['0301234599-0301234590'],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].code).toBe('invalid_range');
  });
});

describe('the single add reports the plan warnings (SPEC §3)', () => {
  it('answers 201 with preferred_site_missing, as the batch does', async () => {
    const single = await api('POST', `/v1/customers/${customerId}/users`, {
      email: 'nosite@audit.example',
      package: 'webex_calling',
      location: 'Amsterdam HQ',
      extension: '2006',
    });
    expect(single.statusCode, single.body).toBe(201);
    const batch = await api('POST', `/v1/customers/${customerId}/users/batch`, {
      users: [
        { email: 'nosite2@audit.example', package: 'webex_calling', location: 'Utrecht', extension: '2007' },
      ],
    });
    const batchWarnings = batch.json().results[0].warnings as Issue[];
    expect(batchWarnings.map((w) => w.code)).toEqual(['preferred_site_missing']);
    expect(single.json().warnings).toEqual(batchWarnings);
    expect(single.json().preferredWebexSite).toBeNull();
  });

  it('answers an empty warnings list when there is nothing to say', async () => {
    const response = await api('POST', `/v1/customers/${customerId}/users`, {
      email: 'site@audit.example',
      package: 'webex_meetings',
      preferredWebexSite: 'audit.webex.com',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().warnings).toEqual([]);
  });

  it('the package change reports the missing site too', async () => {
    const user = await userByEmail('site@audit.example');
    await api('PATCH', `/v1/customers/${customerId}/users/${user?.id}`, { firstName: 'Site' });
    const plain = await api('POST', `/v1/customers/${customerId}/users`, {
      email: 'meet@audit.example',
      package: 'webex_meetings',
    });
    const changed = await api('PUT', `/v1/customers/${customerId}/users/${plain.json().id}/package`, {
      package: 'webex_suite',
      location: 'Amsterdam HQ',
      extension: '2008',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().warnings.map((w: Issue) => w.code)).toEqual(['preferred_site_missing']);
  });

  it('documents the warnings in /openapi.json', async () => {
    const { app } = harness();
    const document = (await app.inject({ url: '/openapi.json' })).json();
    const created = document.paths['/v1/customers/{customerId}/users'].post.responses['201'];
    const schema = JSON.stringify(created);
    expect(schema).toContain('warnings');
    expect(schema).toContain('preferred_site_missing');
  });
});

describe('an extension held by another user is a conflict (SPEC §7)', () => {
  it('answers 409 with the error shape, naming extension_taken', async () => {
    const response = await api('POST', `/v1/customers/${customerId}/users`, {
      email: 'clash@audit.example',
      package: 'webex_calling',
      location: 'Amsterdam HQ',
      extension: '2006',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      message: expect.any(String),
      errors: [{ code: 'extension_taken', field: 'extension' }],
      trackingId: expect.any(String),
    });
  });

  it('stays 400 when the request is also invalid', async () => {
    const response = await api('POST', `/v1/customers/${customerId}/users`, {
      email: 'clash@audit.example',
      package: 'webex_calling',
      location: 'Amsterdam HQ',
      extension: '2006',
      timeZone: 'Mars/Olympus',
    });
    expect(response.statusCode).toBe(400);
  });

  it('is a row error in a CSV import', async () => {
    const rows = await importCsv(
      'User ID/Email (Required),Webex Calling,Location,Extension,Jabber Calling,Jabber with Webex Teams,Preferred Webex Site\n' +
        'clash@audit.example,TRUE,Amsterdam HQ,2006,FALSE,FALSE,audit.webex.com\n',
    );
    expect(rows).toMatchObject([
      {
        row: 2,
        action: 'error',
        messages: ['Row 2, Extension: Extension 2006 is already used by another user.'],
      },
    ]);
  });
});

describe('time zone and preferred language (SPEC §5, §6)', () => {
  it.each([
    { field: 'timeZone', value: 'Mars/Olympus', code: 'invalid_time_zone' },
    { field: 'preferredLanguage', value: 'xx-yy-zz', code: 'invalid_preferred_language' },
  ])('the API refuses $field $value with 400', async ({ field, value, code }) => {
    const response = await api('POST', `/v1/customers/${customerId}/users`, {
      email: `bad-${field.toLowerCase()}@audit.example`,
      package: 'webex_meetings',
      [field]: value,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toMatchObject([{ code, field }]);
  });

  it('the API stores a valid zone in its IANA spelling and a valid language as given', async () => {
    const response = await api('POST', `/v1/customers/${customerId}/users`, {
      email: 'tz@audit.example',
      package: 'webex_meetings',
      timeZone: 'europe/amsterdam',
      preferredLanguage: 'nl-NL',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ timeZone: 'Europe/Amsterdam', preferredLanguage: 'nl-NL' });
  });

  it('a CSV row with them is an error naming the column', async () => {
    const rows = await importCsv(
      'User ID/Email (Required),Webex Meetings,Time zone,Preferred Language,Jabber Calling,Jabber with Webex Teams,Preferred Webex Site\n' +
        'mars@audit.example,TRUE,Mars/Olympus,nl,FALSE,FALSE,audit.webex.com\n' +
        'xx@audit.example,TRUE,Europe/Amsterdam,xx-yy-zz,FALSE,FALSE,audit.webex.com\n',
    );
    expect(rows.map((row) => [row.action, row.messages])).toEqual([
      [
        'error',
        [
          'Row 2, Time zone: "Mars/Olympus" is not a time zone such as Europe/Amsterdam (IANA time zone names).',
        ],
      ],
      [
        'error',
        [
          'Row 3, Preferred Language: "xx-yy-zz" is not a language such as nl, nl_NL or en_US (ISO 639-1, optionally with a region).',
        ],
      ],
    ]);
  });
});

describe('CSV rows and previews (SPEC §6)', () => {
  it('an unknown location is the only error of its row', async () => {
    const rows = await importCsv(
      'User ID/Email (Required),Webex Calling,Location,Phone Number,Jabber Calling,Jabber with Webex Teams,Preferred Webex Site\n' +
        'lost@audit.example,TRUE,Atlantis,+31301234501,FALSE,FALSE,audit.webex.com\n',
    );
    expect(rows).toMatchObject([
      { row: 2, action: 'error', messages: ['Row 2, Location: Location "Atlantis" does not exist.'] },
    ]);
  });

  it('a dry run shows a location change by name', async () => {
    const rows = await importCsv(
      'User ID/Email (Required),Location,Extension\nnosite@audit.example,Utrecht,2009\n',
      true,
    );
    expect(rows).toMatchObject([{ row: 2, action: 'modify' }]);
    expect(rows[0]?.changes).toEqual([
      { field: 'extension', before: '2006', after: '2009' },
      { field: 'location', before: 'Amsterdam HQ', after: 'Utrecht' },
    ]);
  });
});

describe("the customer's default preferred Webex site (SPEC §2)", () => {
  beforeAll(async () => {
    const settings = await api('PATCH', `/v1/customers/${customerId}/settings`, {
      defaultPreferredWebexSite: 'att.webex.com',
    });
    expect(settings.statusCode, settings.body).toBe(200);
  });

  it('a manual add without a site stores the default, without a warning', async () => {
    const response = await api('POST', `/v1/customers/${customerId}/users`, {
      email: 'default1@audit.example',
      package: 'webex_calling',
      location: 'Amsterdam HQ',
      extension: '2010',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ preferredWebexSite: 'att.webex.com', warnings: [] });
  });

  it('a given site wins over the default', async () => {
    const response = await api('POST', `/v1/customers/${customerId}/users`, {
      email: 'own@audit.example',
      package: 'webex_meetings',
      preferredWebexSite: 'own.webex.com',
    });
    expect(response.json().preferredWebexSite).toBe('own.webex.com');
  });

  it('the batch add stores the default, without a warning', async () => {
    const response = await api('POST', `/v1/customers/${customerId}/users/batch`, {
      users: [{ email: 'default2@audit.example', package: 'webex_meetings' }],
    });
    expect(response.json().results[0]).toMatchObject({
      result: 'created',
      user: { preferredWebexSite: 'att.webex.com' },
      warnings: [],
    });
  });

  it('a CSV row without the site column creates with the default; an existing user stays as is', async () => {
    const rows = await importCsv(
      'User ID/Email (Required),Webex Meetings,Title,Jabber Calling,Jabber with Webex Teams\n' +
        'default3@audit.example,TRUE,,FALSE,FALSE\n' +
        'nosite2@audit.example,,Baker,,\n',
    );
    expect(rows.map((row) => [row.action, row.status])).toEqual([
      ['add', 'ok'],
      ['modify', 'warning'],
    ]);
    expect((await userByEmail('default3@audit.example'))?.preferredWebexSite).toBe('att.webex.com');
    expect((await userByEmail('nosite2@audit.example'))?.preferredWebexSite).toBeNull();
  });

  it('an export of the defaulted users re-imports unchanged', async () => {
    const exported = await api('GET', `/v1/customers/${customerId}/users/export.csv`);
    expect(exported.body).toContain('att.webex.com');
    const rows = await importCsv(exported.body);
    expect(new Set(rows.map((row) => row.action))).toEqual(new Set(['unchanged']));
  });

  it('the Wholesale API stores the default', async () => {
    const response = await api('POST', '/v1/wholesale/subscribers', {
      customerId,
      email: 'default4@audit.example',
      package: 'webex_meetings',
      provisioningParameters: { firstName: 'Whole', lastName: 'Sale' },
    });
    expect(response.statusCode, response.body).toBeLessThan(300);
    expect((await userByEmail('default4@audit.example'))?.preferredWebexSite).toBe('att.webex.com');
  });

  it('SCIM stores the default', async () => {
    const scim = await createScimCustomer(harness());
    await api('PATCH', `/v1/customers/${scim.customerId}/settings`, {
      defaultPreferredWebexSite: 'scim.webex.com',
    });
    const created = await scim.request('POST', '/Users', scimUser('dir@p.example'));
    expect(created.statusCode, created.body).toBe(201);
    const list = await api('GET', `/v1/customers/${scim.customerId}/users?search=dir%40p.example`);
    expect(list.json().items[0]?.preferredWebexSite).toBe('scim.webex.com');
  });
});
