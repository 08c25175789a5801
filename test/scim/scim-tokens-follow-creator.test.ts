// ADR 0069: a SCIM token carries the authority of the admin who created it, like an API token. When
// that admin is removed, disabled or demoted to a read-only role (read-only roles may not create SCIM
// tokens), the admin's SCIM tokens are revoked in the same transaction and audited; a token made
// through an API token follows the admin who created that API token.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/schema.ts';
import { insertApiToken } from '../../src/db/repositories/credentials.ts';
import { API_TOKEN_PREFIX, hashToken, randomToken } from '../../src/services/auth/secrets.ts';
import { createScimToken } from '../../src/services/scim/scim-token-service.ts';
import { useTestApp } from '../helpers/app.ts';
import { createScimCustomer } from './scim-harness.ts';
import type { ScimCustomer } from './scim-harness.ts';

const testApp = useTestApp();

interface Admin {
  id: string;
  email: string;
  role: Role;
  customerId: string | null;
}

async function invite(role: Role, customerId: string | null): Promise<Admin> {
  const { app, auth, tokens } = testApp();
  const email = `${role}-${randomUUID().slice(0, 8)}@creator.example`;
  const response = await app.inject({
    method: 'POST',
    url: '/v1/admins',
    headers: auth(tokens.partnerFull),
    payload: { email, role, ...(customerId !== null ? { customerId } : {}) },
  });
  expect(response.statusCode, response.body).toBe(201);
  return { id: (response.json() as { id: string }).id, email, role, customerId };
}

/** A SCIM token made by the admin in the web app (a session: actor type admin). */
async function scimTokenBy(admin: Admin, customerId: string): Promise<{ id: string; token: string }> {
  const { database, partnerId } = testApp();
  const created = await createScimToken(
    {
      db: database.db,
      actor: {
        type: 'admin',
        id: admin.id,
        label: admin.email,
        role: admin.role,
        partnerId,
        customerId: admin.customerId,
      },
      requestId: `test-${randomUUID()}`,
      locale: 'en',
    },
    customerId,
    { name: `by ${admin.email}` },
  );
  return { id: created.tokenInfo.id, token: created.token };
}

async function scimStatus(scim: ScimCustomer, token: string): Promise<number> {
  const response = await testApp().app.inject({
    method: 'GET',
    url: `${scim.base}/Users`,
    headers: { authorization: `Bearer ${token}` },
  });
  return response.statusCode;
}

async function changeAdmin(admin: Admin, change: 'delete' | Record<string, unknown>): Promise<void> {
  const { app, auth, tokens } = testApp();
  const response = await app.inject({
    method: change === 'delete' ? 'DELETE' : 'PATCH',
    url: `/v1/admins/${admin.id}`,
    headers: auth(tokens.partnerFull),
    ...(change === 'delete' ? {} : { payload: change }),
  });
  expect(response.statusCode, response.body).toBeLessThan(300);
}

async function revocationAudit(tokenId: string) {
  return testApp()
    .database.db.selectFrom('audit_events')
    .select(['action', 'customer_id', 'before', 'after'])
    .where('target_id', '=', tokenId)
    .where('action', '=', 'scim_token.revoke')
    .execute();
}

describe('SCIM tokens follow the admin who created them', () => {
  it.each([
    ['removed', 'partner_full_admin', 'delete', 'creator_removed'],
    ['disabled', 'customer_full_admin', { status: 'disabled' }, 'creator_removed'],
    ['demoted to read-only', 'partner_full_admin', { role: 'partner_readonly_admin' }, 'creator_demoted'],
    [
      'demoted to customer read-only',
      'customer_full_admin',
      { role: 'customer_readonly_admin' },
      'creator_demoted',
    ],
  ] as const)('revokes and audits them when the admin is %s', async (_case, role, change, reason) => {
    const scim = await createScimCustomer(testApp());
    const admin = await invite(role, role.startsWith('customer_') ? scim.customerId : null);
    const token = await scimTokenBy(admin, scim.customerId);
    expect(await scimStatus(scim, token.token)).toBe(200);

    await changeAdmin(admin, change);

    expect(await scimStatus(scim, token.token)).toBe(401);
    // Tokens made by others (here the harness's, made through a partner API token) keep working.
    expect(await scimStatus(scim, scim.token)).toBe(200);
    expect(await revocationAudit(token.id)).toMatchObject([
      { action: 'scim_token.revoke', customer_id: scim.customerId, after: { reason } },
    ]);
    const listed = await testApp().app.inject({
      url: `/v1/customers/${scim.customerId}/scim-tokens`,
      headers: testApp().auth(testApp().tokens.partnerFull),
    });
    expect((listed.json() as { items: { id: string; active: boolean }[] }).items).toContainEqual(
      expect.objectContaining({ id: token.id, active: false }),
    );
  });

  it('keeps them while the admin may still manage directory sync', async () => {
    const scim = await createScimCustomer(testApp());
    const admin = await invite('partner_full_admin', null);
    const token = await scimTokenBy(admin, scim.customerId);
    await changeAdmin(admin, { displayName: 'Renamed' });
    expect(await scimStatus(scim, token.token)).toBe(200);
    expect(await revocationAudit(token.id)).toEqual([]);
  });

  it('revokes a token made through an API token when the admin behind that API token is demoted', async () => {
    const harness = testApp();
    const scim = await createScimCustomer(harness);
    const admin = await invite('partner_full_admin', null);
    const apiToken = randomToken(API_TOKEN_PREFIX);
    await insertApiToken(harness.database.db, {
      partnerId: harness.partnerId,
      customerId: null,
      createdBy: admin.id,
      name: 'automation',
      role: 'partner_full_admin',
      tokenHash: hashToken(apiToken),
      prefix: apiToken.slice(0, 10),
      expiresAt: null,
    });
    const created = await harness.app.inject({
      method: 'POST',
      url: `/v1/customers/${scim.customerId}/scim-tokens`,
      headers: harness.auth(apiToken),
      payload: { name: 'Through automation' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const token = created.json() as { token: string; tokenInfo: { id: string } };
    expect(await scimStatus(scim, token.token)).toBe(200);

    await changeAdmin(admin, { role: 'partner_readonly_admin' });

    expect(await scimStatus(scim, token.token)).toBe(401);
    expect(await revocationAudit(token.tokenInfo.id)).toMatchObject([
      { after: { reason: 'creator_demoted' } },
    ]);
  });
});
