// ADR 0085: a SCIM token created with an API token records it (migration 0023), and revoking that
// API token, or one above it in its chain, revokes the SCIM token in the same transaction, audited;
// the SCIM endpoint refuses it at once. SCIM tokens made by a person are not touched.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { scimDb } from '../../src/db/repositories/scim-tables.ts';
import { AppError } from '../../src/domain/errors.ts';
import { hashPassword } from '../../src/services/auth/passwords.ts';
import { createScimToken } from '../../src/services/scim/scim-token-service.ts';
import { useTestApp } from '../helpers/app.ts';
import { createScimCustomer, type ScimCustomer } from '../scim/scim-harness.ts';

const PASSWORD = 'correct horse battery';

interface CreatedApiToken {
  readonly id: string;
  readonly token: string;
}

interface CreatedScimToken {
  readonly token: string;
  readonly tokenInfo: { readonly id: string; readonly createdByTokenId: string | null };
}

describe('revoking an API token revokes the SCIM tokens created with its chain', () => {
  const harness = useTestApp({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: '1000' } });

  async function mint(headers: Record<string, string>, name: string): Promise<CreatedApiToken> {
    const created = await harness().app.inject({
      method: 'POST',
      url: '/v1/tokens',
      headers,
      payload: { name, role: 'partner_full_admin' },
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json<CreatedApiToken>();
  }

  async function createScim(
    headers: Record<string, string>,
    customer: ScimCustomer,
    name: string,
  ): Promise<CreatedScimToken> {
    const created = await harness().app.inject({
      method: 'POST',
      url: `/v1/customers/${customer.customerId}/scim-tokens`,
      headers,
      payload: { name },
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json<CreatedScimToken>();
  }

  async function scimStatus(customer: ScimCustomer, token: string): Promise<number> {
    const response = await harness().app.inject({
      url: `${customer.base}/Users`,
      headers: { authorization: `Bearer ${token}` },
    });
    return response.statusCode;
  }

  async function revoke(tokenId: string): Promise<void> {
    const { app, auth, tokens } = harness();
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/v1/tokens/${tokenId}`,
      headers: auth(tokens.partnerFull),
    });
    expect(revoked.statusCode, revoked.body).toBe(204);
  }

  async function revocationAudits(scimTokenIds: readonly string[]) {
    return harness()
      .database.db.selectFrom('audit_events')
      .select(['target_id', 'target_type', 'customer_id', 'before', 'after'])
      .where('action', '=', 'scim_token.revoke')
      .where('target_id', 'in', scimTokenIds)
      .execute();
  }

  async function signIn(): Promise<Record<string, string>> {
    const { app, database, partnerId } = harness();
    const email = `scim-cascade-${randomUUID().slice(0, 8)}@partner.example`;
    await database.db
      .insertInto('admin_accounts')
      .values({
        partner_id: partnerId,
        email,
        display_name: 'Cascade Admin',
        role: 'partner_full_admin',
        password_hash: await hashPassword(PASSWORD),
        status: 'active',
      })
      .execute();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email, password: PASSWORD },
    });
    expect(response.statusCode, response.body).toBe(200);
    const session = response.cookies.find((cookie) => cookie.name === 'hub_session');
    const cookie = `hub_session=${session?.value ?? ''}`;
    return { cookie, 'x-csrf-token': response.json<{ csrfToken: string }>().csrfToken };
  }

  it('revokes a SCIM token with the API token it was created with, audited, and says which', async () => {
    const testApp = harness();
    const customer = await createScimCustomer(testApp);
    const t1 = await mint(testApp.auth(testApp.tokens.partnerFull), 'integration');
    const s = await createScim(testApp.auth(t1.token), customer, 'Entra via T1');
    expect(s.tokenInfo.createdByTokenId).toBe(t1.id);
    const list = await testApp.app.inject({
      url: `/v1/customers/${customer.customerId}/scim-tokens`,
      headers: testApp.auth(testApp.tokens.partnerFull),
    });
    const items = list.json<{ items: { id: string; createdByTokenId: string | null }[] }>().items;
    expect(items.find((item) => item.id === s.tokenInfo.id)).toMatchObject({ createdByTokenId: t1.id });
    expect(await scimStatus(customer, s.token)).toBe(200);

    await revoke(t1.id);

    expect(await scimStatus(customer, s.token)).toBe(401);
    // The customer's own SCIM token (made with the test's token, not T1) keeps working.
    expect(await scimStatus(customer, customer.token)).toBe(200);
    const audits = await revocationAudits([s.tokenInfo.id]);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      target_type: 'scim_token',
      customer_id: customer.customerId,
      before: { name: 'Entra via T1', revokedAt: null },
      after: { reason: 'creating_token_revoked', createdByTokenId: t1.id, revokedAt: expect.any(String) },
    });
  });

  it('reaches a SCIM token created further down the chain, and not one a person created', async () => {
    const testApp = harness();
    const customer = await createScimCustomer(testApp);
    const session = await signIn();
    const t1 = await mint(session, 'top');
    const t2 = await mint(testApp.auth(t1.token), 'middle');
    const s2 = await createScim(testApp.auth(t2.token), customer, 'Entra via T2');
    const byPerson = await createScim(session, customer, 'Entra by a person');
    expect(s2.tokenInfo.createdByTokenId).toBe(t2.id);
    expect(byPerson.tokenInfo.createdByTokenId).toBeNull();
    expect(await scimStatus(customer, s2.token)).toBe(200);
    expect(await scimStatus(customer, byPerson.token)).toBe(200);

    await revoke(t1.id);

    expect(await scimStatus(customer, s2.token)).toBe(401);
    expect(await scimStatus(customer, byPerson.token)).toBe(200);
    const audits = await revocationAudits([s2.tokenInfo.id, byPerson.tokenInfo.id]);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      target_id: s2.tokenInfo.id,
      after: { reason: 'creating_token_revoked', createdByTokenId: t2.id },
    });

    // Revoking T1 again revokes nothing more and writes no second audit row.
    await revoke(t1.id);
    expect(await revocationAudits([s2.tokenInfo.id])).toHaveLength(1);
  });

  it('takes a SCIM token before its creating API token in one transaction (hub migrate-to)', async () => {
    const testApp = harness();
    const { database, partnerId } = testApp;
    const customer = await createScimCustomer(testApp);
    const [apiTokenId, scimTokenId] = [randomUUID(), randomUUID()];
    await database.db.transaction().execute(async (trx) => {
      await sql`insert into scim_tokens (id, customer_id, name, token_hash, prefix, created_by_token_id)
          values (${scimTokenId}::uuid, ${customer.customerId}::uuid, 'copied', ${`hash-${scimTokenId}`},
                  'whscim_copied', ${apiTokenId}::uuid)`.execute(trx);
      await sql`insert into api_tokens (id, partner_id, name, role, token_hash, prefix)
          values (${apiTokenId}::uuid, ${partnerId}::uuid, 'copied', 'partner_readonly_admin',
                  ${`hash-${apiTokenId}`}, 'whk_copied')`.execute(trx);
    });
    const stored = await scimDb(database.db)
      .selectFrom('scim_tokens')
      .select('created_by_token_id')
      .where('id', '=', scimTokenId)
      .executeTakeFirst();
    expect(stored).toEqual({ created_by_token_id: apiTokenId });
  });

  it('lets an API token revoked while its request ran create no SCIM token', async () => {
    const testApp = harness();
    const { database, partnerId } = testApp;
    const customer = await createScimCustomer(testApp);
    const t1 = await mint(testApp.auth(testApp.tokens.partnerFull), 'racing');
    await database.db
      .updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('id', '=', t1.id)
      .execute();
    // The request authenticated before the revocation committed: its actor is still the token.
    const context = {
      db: database.db,
      actor: {
        type: 'token' as const,
        id: t1.id,
        label: 'token:racing',
        role: 'partner_full_admin' as const,
        partnerId,
        customerId: null,
      },
      requestId: 'race',
      locale: 'en' as const,
    };
    const attempt = createScimToken(context, customer.customerId, { name: 'late SCIM token' });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: 'unauthenticated' });
    const created = await scimDb(database.db)
      .selectFrom('scim_tokens')
      .select('id')
      .where('name', '=', 'late SCIM token')
      .execute();
    expect(created).toHaveLength(0);
  });
});
