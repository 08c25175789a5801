// A User stored before PATCH refused prototype-polluting names (4c3765b) may hold `__proto__`, or a
// `constructor` holding a `prototype`, among its unmodelled attributes: SCIM stored them "as given"
// (SPEC §7). Every PATCH of such a user then answered 400 invalidValue, even one that changed an
// unrelated attribute, because the patched resource carried the stored key into the edge's check.
// Such a key is dropped when the stored user is read (render-scim-user.ts), so it reaches no object
// where it could set a prototype, a PATCH of anything else succeeds, and the write that follows
// stores the user without it. Inserted here as an old version stored it: straight into the row.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createScimCustomer, PATCH_OP, scimUser, type ScimCustomer } from './scim-harness.ts';

const harness = useTestApp();

// The stored documents, as JSON text: an object literal with `__proto__` would set a prototype.
const ADDRESSES = '"addresses": [{"type": "work", "locality": "Utrecht"}]';
const STORED_DOCUMENTS: readonly (readonly [string, string])[] = [
  ['a top-level constructor.prototype', `{${ADDRESSES}, "constructor": {"prototype": {"polluted": true}}}`],
  ['a top-level __proto__', `{${ADDRESSES}, "__proto__": {"polluted": true}}`],
  [
    'name.constructor.prototype',
    `{${ADDRESSES}, "name": {"formatted": "Anna", "constructor": {"prototype": {"polluted": true}}}}`,
  ],
  [
    'a __proto__ in an address',
    '{"addresses": [{"type": "work", "locality": "Utrecht", "__proto__": {"polluted": true}}]}',
  ],
  [
    'a __proto__ in the enterprise extension',
    `{${ADDRESSES}, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"costCenter": "7", "__proto__": {"polluted": true}}}`,
  ],
];

describe('a SCIM User stored with a prototype-polluting key', () => {
  let scim: ScimCustomer;
  beforeAll(async () => {
    scim = await createScimCustomer(harness());
  });

  async function storedUser(userName: string, documentJson: string): Promise<string> {
    const created = await scim.request('POST', '/Users', scimUser(userName));
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    await sql`update scim_users set document = ${documentJson}::jsonb || jsonb_build_object('userName', user_name) where user_id = ${id}`.execute(
      harness().database.db,
    );
    return id;
  }

  async function storedDocumentText(id: string): Promise<string> {
    const result = await sql<{
      text: string;
    }>`select document::text as text from scim_users where user_id = ${id}`.execute(harness().database.db);
    return result.rows[0]?.text ?? '';
  }

  it.each(STORED_DOCUMENTS)(
    'with %s: a PATCH of another attribute succeeds, and the key is gone',
    async (_name, documentJson) => {
      const id = await storedUser(
        `anna-${Math.random().toString(36).slice(2)}@stored-keys.example`,
        documentJson,
      );
      expect(await storedDocumentText(id)).toMatch(/__proto__|constructor/);

      const patched = await scim.request('PATCH', `/Users/${id}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', path: 'title', value: 'Engineer' }],
      });
      expect(patched.statusCode, patched.body).toBe(204);

      const read = await scim.request('GET', `/Users/${id}`);
      expect(read.statusCode, read.body).toBe(200);
      expect(read.body).not.toContain('polluted');
      const user = read.json<{ title: string; addresses: { locality: string }[] }>();
      expect(user.title).toBe('Engineer');
      // The attributes stored as given beside the key stay.
      expect(user.addresses[0]?.locality).toBe('Utrecht');
      // The write after the PATCH stored the user without the key.
      const stored = await storedDocumentText(id);
      expect(stored).not.toContain('polluted');
      expect(stored).toContain('Engineer');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it('reads such a user without the key, in a GET and in a filtered list', async () => {
    const id = await storedUser(
      'bert@stored-keys.example',
      `{${ADDRESSES}, "__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}`,
    );
    const read = await scim.request('GET', `/Users/${id}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.body).not.toContain('polluted');
    expect(read.body).not.toContain('constructor');
    // A filter on an attribute without a column is evaluated over the rendered users.
    const listed = await scim.request(
      'GET',
      `/Users?filter=${encodeURIComponent('addresses.locality eq "Utrecht"')}`,
    );
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.body).toContain(id);
    expect(listed.body).not.toContain('polluted');
  });

  it('keeps a `constructor` that is plain data, as a POST of it is kept', async () => {
    const id = await storedUser('carla@stored-keys.example', `{${ADDRESSES}, "name": {"constructor": "x"}}`);
    const patched = await scim.request('PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: 'title', value: 'Engineer' }],
    });
    expect(patched.statusCode, patched.body).toBe(204);
    const read = await scim.request('GET', `/Users/${id}`);
    expect(read.json<{ name: Record<string, unknown> }>().name.constructor).toBe('x');
  });
});
