// ADR 0083 on SCIM user writes: over-long text, control and bidi characters and look-alike emails
// are 400 invalidValue naming the attribute, and nothing is stored — on POST, PATCH, and inside a
// Bulk. Before the rules these reached the database (a btree index overflow: 500).
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createScimCustomer, ERROR_SCHEMA, PATCH_OP, scimUser } from './scim-harness.ts';
import type { ScimCustomer } from './scim-harness.ts';

const testApp = useTestApp();
const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';

async function userCount(scim: ScimCustomer): Promise<number> {
  const listed = await scim.request('GET', '/Users?count=0');
  return (listed.json() as { totalResults: number }).totalResults;
}

function expectInvalidValue(response: { statusCode: number; body: string }, attribute: string): void {
  expect(response.statusCode, response.body).toBe(400);
  const body = JSON.parse(response.body) as Record<string, unknown>;
  expect(body).toMatchObject({ schemas: [ERROR_SCHEMA], scimType: 'invalidValue', status: '400' });
  expect(String(body.detail)).toContain(`"${attribute}"`);
}

describe('SCIM user writes and the field rules', () => {
  it.each([
    ['name.givenName', { name: { givenName: 'G'.repeat(3000), familyName: 'F' } }],
    ['name.familyName', { name: { givenName: 'G', familyName: 'F\u0007' } }],
    ['displayName', { displayName: 'Anna \u202Enimda' }],
    ['title', { title: 'T'.repeat(201) }],
    ['externalId', { externalId: 'x'.repeat(100_000) }],
  ])('POST with a bad %s: 400 invalidValue, no user', async (attribute, extra) => {
    const scim = await createScimCustomer(testApp());
    const before = await userCount(scim);
    expectInvalidValue(await scim.request('POST', '/Users', scimUser('long@fr.example', extra)), attribute);
    expect(await userCount(scim)).toBe(before);
  });

  it('POST with a userName of 20000 characters that is no email: 400 invalidValue', async () => {
    const scim = await createScimCustomer(testApp());
    const before = await userCount(scim);
    const response = await scim.request(
      'POST',
      '/Users',
      scimUser('u'.repeat(20_000), { emails: [{ value: 'u20k@fr.example', type: 'work', primary: true }] }),
    );
    expectInvalidValue(response, 'userName');
    expect(await userCount(scim)).toBe(before);
  });

  it('PATCH name.givenName of 1 MB: 400 invalidValue, the user unchanged', async () => {
    const scim = await createScimCustomer(testApp());
    const created = await scim.request('POST', '/Users', scimUser('patch@fr.example'));
    expect(created.statusCode, created.body).toBe(201);
    const { id, meta } = created.json() as { id: string; meta: { version: string } };
    const response = await scim.request('PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: 'name.givenName', value: 'A'.repeat(1_000_000) }],
    });
    expectInvalidValue(response, 'name.givenName');
    const after = (await scim.request('GET', `/Users/${id}`)).json() as {
      name: { givenName: string };
      meta: { version: string };
    };
    expect(after.name.givenName).toBe('Given');
    expect(after.meta.version).toBe(meta.version);
  });

  it('Bulk: the over-long operation fails with 400 invalidValue and stores nothing; the good one is created', async () => {
    const scim = await createScimCustomer(testApp());
    const before = await userCount(scim);
    const response = await scim.request('POST', '/Bulk', {
      schemas: [BULK_REQUEST],
      Operations: [
        {
          method: 'POST',
          bulkId: 'long',
          path: '/Users',
          data: scimUser('bulk-long@fr.example', { name: { givenName: 'G'.repeat(3000) } }),
        },
        { method: 'POST', bulkId: 'ok', path: '/Users', data: scimUser('bulk-ok@fr.example') },
      ],
    });
    expect(response.statusCode, response.body).toBe(200);
    const operations = (response.json() as { Operations: Array<{ status: string; response?: unknown }> })
      .Operations;
    expect(operations[0]?.status).toBe('400');
    expect(operations[0]?.response).toMatchObject({ scimType: 'invalidValue' });
    expect(JSON.stringify(operations[0]?.response)).toContain('name.givenName');
    expect(operations[1]?.status).toBe('201');
    expect(await userCount(scim)).toBe(before + 1);
  });

  it.each([
    ['tina', 'tina\u200b@fr.example'],
    ['abc', 'ＡＢＣ@fr.example'],
  ])(
    'POST userName next to %s@fr.example: 400 invalidValue naming the character',
    async (plain, userName) => {
      const scim = await createScimCustomer(testApp());
      const first = await scim.request('POST', '/Users', scimUser(`${plain}@fr.example`));
      expect(first.statusCode, first.body).toBe(201);
      const before = await userCount(scim);
      const response = await scim.request('POST', '/Users', scimUser(userName));
      expectInvalidValue(response, 'userName');
      expect(String((response.json() as { detail: string }).detail)).toContain('invisible or look-alike');
      expect(await userCount(scim)).toBe(before);
    },
  );

  it('a look-alike primary email is refused too', async () => {
    const scim = await createScimCustomer(testApp());
    const response = await scim.request(
      'POST',
      '/Users',
      scimUser('tina-id', { emails: [{ value: 'tina\u200b@fr.example', type: 'work', primary: true }] }),
    );
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ scimType: 'invalidValue' });
    expect(String((response.json() as { detail: string }).detail)).toContain('U+200B');
  });

  it('PATCH of another attribute keeps a value stored before the rules', async () => {
    const scim = await createScimCustomer(testApp());
    const created = await scim.request('POST', '/Users', scimUser('legacy@fr.example', { title: 'Short' }));
    const { id } = created.json() as { id: string };
    // Stored before ADR 0083: a title longer than the limit, in the user row and the SCIM document.
    const longTitle = 'T'.repeat(500);
    const db = testApp().database.db;
    await db.updateTable('users').set({ title: longTitle }).where('id', '=', id).execute();
    await sql`update scim_users set document = jsonb_set(document, '{title}', to_jsonb(${longTitle}::text))
      where user_id = ${id}`.execute(db);
    const response = await scim.request('PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: 'displayName', value: 'Legacy' }],
    });
    expect(response.statusCode, response.body).toBe(204);
    const after = (await scim.request('GET', `/Users/${id}`)).json() as {
      title: string;
      displayName: string;
    };
    expect(after).toMatchObject({ title: longTitle, displayName: 'Legacy' });
  });
});
