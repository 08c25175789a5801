// ADR 0067 through the imports API: while directory sync is on, a row for an email that is not a
// user of the customer is a row error naming the email column (English and Dutch), in the dry run
// and when applied; rows for existing users still change packages and numbers; nothing is created.
// With sync off the same row adds the user.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

interface RowBody {
  row: number;
  email: string;
  action: string;
  messages: string[];
}

const harness = useTestApp();
let customerId = '';

function api(method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, language = 'en') {
  const { app, tokens, auth } = harness();
  return app.inject({
    method,
    url,
    headers: { ...auth(tokens.partnerFull), 'accept-language': language },
    ...(payload ? { payload } : {}),
  });
}

async function upload(csv: string, dryRun: boolean): Promise<string> {
  const { app, tokens, auth, drainJobs } = harness();
  const created = await app.inject({
    method: 'POST',
    url: `/v1/customers/${customerId}/imports?behaviour=add-only&dryRun=${dryRun}`,
    headers: { ...auth(tokens.partnerFull), 'content-type': 'text/csv' },
    payload: csv,
  });
  expect(created.statusCode, created.body).toBe(202);
  await drainJobs();
  return created.json<{ id: string }>().id;
}

async function rows(importId: string, language = 'en'): Promise<RowBody[]> {
  const response = await api(
    'GET',
    `/v1/customers/${customerId}/imports/${importId}/rows?max=100`,
    undefined,
    language,
  );
  return response.json<{ items: RowBody[] }>().items;
}

async function stored(email: string) {
  return harness()
    .database.db.selectFrom('users')
    .select(['email', 'package', 'extension'])
    .where('email', '=', email)
    .executeTakeFirst();
}

async function setSync(enabled: boolean): Promise<void> {
  const response = await api('PUT', `/v1/customers/${customerId}/directory-sync`, { enabled });
  expect(response.statusCode, response.body).toBe(200);
}

const HEADER =
  'User ID/Email (Required),First Name,Webex Meetings,Webex Calling,Extension,Location,Jabber Calling,Jabber with Webex Teams,Preferred Webex Site';
const EXISTING_TO_CALLING = 'anna@sync.example,,,TRUE,2001,Amsterdam HQ,,,';
const NEW_USER = 'nieuw@sync.example,Nieuw,TRUE,,,,FALSE,FALSE,s.webex.com';

beforeAll(async () => {
  const created = await api('POST', '/v1/customers', {
    name: 'Sync BV',
    externalId: 'SYNC-CSV-1',
    adminEmail: 'it@sync.example',
    country: 'NL',
    packages: [{ id: 'webex_calling' }, { id: 'webex_meetings' }],
    firstLocation: { name: 'Amsterdam HQ', country: 'NL', timeZone: 'Europe/Amsterdam' },
  });
  expect(created.statusCode, created.body).toBe(202);
  customerId = created.json<{ id: string }>().id;
  await harness().drainJobs();
  const first = await upload(`${HEADER}\nanna@sync.example,Anna,TRUE,,,,FALSE,FALSE,s.webex.com\n`, false);
  expect((await rows(first)).map((row) => row.action)).toEqual(['add']);
  await setSync(true);
});

describe('CSV import while directory sync is on (ADR 0067)', () => {
  it('the dry run reports the new-user row as an error on the email column, in English and Dutch', async () => {
    const importId = await upload(`${HEADER}\n${EXISTING_TO_CALLING}\n${NEW_USER}\n`, true);
    const en = await rows(importId, 'en');
    expect(en.map((row) => [row.row, row.action])).toEqual([
      [2, 'modify'],
      [3, 'error'],
    ]);
    expect(en[1]?.messages).toEqual([
      'Row 3, User ID/Email (Required): No user with this email exists in this organization, and users are created by the directory while directory synchronization is on.',
    ]);
    const nl = await rows(importId, 'nl');
    expect(nl[1]?.messages).toEqual([
      'Rij 3, Gebruikers-ID/e-mail (verplicht): Er bestaat geen gebruiker met dit e-mailadres in deze organisatie, en zolang directorysynchronisatie aanstaat, maakt de directory de gebruikers aan.',
    ]);
    expect(await stored('nieuw@sync.example')).toBeUndefined();
    expect((await stored('anna@sync.example'))?.package).toBe('webex_meetings');
  });

  it('applying changes the existing user and creates nobody', async () => {
    const importId = await upload(`${HEADER}\n${EXISTING_TO_CALLING}\n${NEW_USER}\n`, false);
    const result = await api('GET', `/v1/customers/${customerId}/imports/${importId}`);
    expect(result.json<{ status: string }>().status).toBe('completed_with_errors');
    expect((await rows(importId)).map((row) => row.action)).toEqual(['modify', 'error']);
    expect(await stored('anna@sync.example')).toMatchObject({ package: 'webex_calling', extension: '2001' });
    expect(await stored('nieuw@sync.example')).toBeUndefined();
  });

  it('a dry run made while sync was off is re-validated when applied after sync is turned on', async () => {
    await setSync(false);
    const importId = await upload(`${HEADER}\n${NEW_USER}\n`, true);
    expect((await rows(importId)).map((row) => row.action)).toEqual(['add']);
    await setSync(true);
    const applied = await api('POST', `/v1/customers/${customerId}/imports/${importId}/apply`);
    expect(applied.statusCode, applied.body).toBe(202);
    await harness().drainJobs();
    expect((await rows(importId)).map((row) => row.action)).toEqual(['error']);
    expect(await stored('nieuw@sync.example')).toBeUndefined();
  });

  it('with sync off the same row adds the user', async () => {
    await setSync(false);
    const importId = await upload(`${HEADER}\n${NEW_USER}\n`, false);
    expect((await rows(importId)).map((row) => row.action)).toEqual(['add']);
    expect((await stored('nieuw@sync.example'))?.package).toBe('webex_meetings');
  });
});
