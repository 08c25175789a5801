// Clearing the product extension's `package` through SCIM. The product has no "no package" change
// (the admin API's PUT …/package and PATCH take a package id; a CSV row that leaves a user without
// one removes the user), so a clear of a held package is a 400 `mutability` naming the attribute,
// and changes nothing: never a 2xx that keeps the package.
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import type { ScimCustomer } from './scim-harness.ts';
import { createScimCustomer, PATCH_OP, PRODUCT, scimUser } from './scim-harness.ts';

const testApp = useTestApp();
const PACKAGE_PATH = `${PRODUCT}:package`;

async function createVoiceUser(scim: ScimCustomer, userName: string): Promise<string> {
  const created = await scim.request(
    'POST',
    '/Users',
    scimUser(userName, { [PRODUCT]: { package: 'webex_voice' } }),
  );
  expect(created.statusCode, created.body).toBe(201);
  return (created.json() as { id: string }).id;
}

async function packageOf(scim: ScimCustomer, id: string): Promise<unknown> {
  const got = await scim.request('GET', `/Users/${id}`);
  expect(got.statusCode, got.body).toBe(200);
  return ((got.json() as Record<string, Record<string, unknown> | undefined>)[PRODUCT] ?? {}).package;
}

function expectRefused(response: { statusCode: number; body: string; json(): unknown }): void {
  expect(response.statusCode, response.body).toBe(400);
  expect(response.json()).toMatchObject({
    status: '400',
    scimType: 'mutability',
    detail: expect.stringContaining(`"${PACKAGE_PATH}" cannot be cleared`),
  });
  expect((response.json() as { detail: string }).detail).toContain('remove the user (DELETE)');
}

const patch = (operation: Record<string, unknown>) => ({ schemas: [PATCH_OP], Operations: [operation] });

describe('SCIM clearing a held package', () => {
  it.each([
    ['PATCH remove of the attribute', patch({ op: 'remove', path: PACKAGE_PATH })],
    ['PATCH remove of the whole product extension', patch({ op: 'remove', path: PRODUCT })],
    ['PATCH replace with ""', patch({ op: 'replace', path: PACKAGE_PATH, value: '' })],
    ['PATCH replace with null', patch({ op: 'replace', path: PACKAGE_PATH, value: null })],
    ['PATCH replace without path', patch({ op: 'replace', value: { [PRODUCT]: { package: '' } } })],
  ])('%s is a 400 mutability and keeps the package', async (_name, body) => {
    const scim = await createScimCustomer(testApp());
    const id = await createVoiceUser(scim, `clear-${Math.random().toString(36).slice(2, 8)}@pkg.example`);
    expectRefused(await scim.request('PATCH', `/Users/${id}`, body));
    expect(await packageOf(scim, id)).toBe('webex_voice');
  });

  it('PUT with package "" or null is refused; a PUT that leaves package out keeps it (RFC 7644 §3.5.1)', async () => {
    const scim = await createScimCustomer(testApp());
    const id = await createVoiceUser(scim, 'put@pkg.example');
    for (const value of ['', null]) {
      expectRefused(
        await scim.request(
          'PUT',
          `/Users/${id}`,
          scimUser('put@pkg.example', { [PRODUCT]: { package: value } }),
        ),
      );
      expect(await packageOf(scim, id)).toBe('webex_voice');
    }
    // Not asserted, as `active` (ADR 0069): the package stays, and the answer shows it.
    const withoutExtension = await scim.request('PUT', `/Users/${id}`, scimUser('put@pkg.example'));
    expect(withoutExtension.statusCode, withoutExtension.body).toBe(200);
    expect(withoutExtension.json()).toMatchObject({ [PRODUCT]: { package: 'webex_voice' } });
    const withoutPackage = await scim.request(
      'PUT',
      `/Users/${id}`,
      scimUser('put@pkg.example', { [PRODUCT]: { location: null } }),
    );
    expect(withoutPackage.statusCode, withoutPackage.body).toBe(200);
    expect(await packageOf(scim, id)).toBe('webex_voice');
  });

  it("refuses it for the customer's only full admin alike, and audits nothing", async () => {
    const harness = testApp();
    const scim = await createScimCustomer(harness);
    const customer = await harness.database.db
      .selectFrom('customers')
      .select('partner_id')
      .where('id', '=', scim.customerId)
      .executeTakeFirstOrThrow();
    await harness.database.db
      .insertInto('admin_accounts')
      .values({
        partner_id: customer.partner_id,
        customer_id: scim.customerId,
        email: 'boss@pkg.example',
        role: 'customer_full_admin',
        status: 'active',
      })
      .execute();
    const id = await createVoiceUser(scim, 'boss@pkg.example');
    const auditRows = () =>
      harness.database.db
        .selectFrom('audit_events')
        .select('action')
        .where('customer_id', '=', scim.customerId)
        .where('target_id', '=', id)
        .execute();
    const before = (await auditRows()).length;
    expectRefused(await scim.request('PATCH', `/Users/${id}`, patch({ op: 'remove', path: PACKAGE_PATH })));
    expect(await packageOf(scim, id)).toBe('webex_voice');
    expect((await auditRows()).length).toBe(before);
  });

  it('a user without a package may be sent an empty package: nothing to clear', async () => {
    const harness = testApp();
    const scim = await createScimCustomer(harness);
    const id = await createVoiceUser(scim, 'none@pkg.example');
    // A user without a package, as a claim without a package leaves one (not a subscriber yet).
    await harness.database.db
      .updateTable('users')
      .set({ package: null, location_id: null, extension: null })
      .where('id', '=', id)
      .execute();
    const cleared = await scim.request(
      'PATCH',
      `/Users/${id}`,
      patch({ op: 'replace', path: PACKAGE_PATH, value: '' }),
    );
    expect(cleared.statusCode, cleared.body).toBe(204);
    expect(await packageOf(scim, id)).toBeUndefined();
  });

  it('a PATCH that changes the package to another one still works', async () => {
    const scim = await createScimCustomer(testApp());
    const id = await createVoiceUser(scim, 'change@pkg.example');
    const changed = await scim.request(
      'PATCH',
      `/Users/${id}`,
      patch({ op: 'replace', path: PACKAGE_PATH, value: 'webex_meetings' }),
    );
    expect(changed.statusCode, changed.body).toBe(204);
    expect(await packageOf(scim, id)).toBe('webex_meetings');
  });
});
