// The server remembers a token lookup for a second (ADR 0053): a write through this server forgets
// it at once; a revocation it did not see (another process) applies once the second has passed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TOKEN_CACHE_TTL_MS } from '../../src/http/plugins/authentication.ts';
import { hashToken } from '../../src/services/auth/secrets.ts';
import { useTestApp } from '../helpers/app.ts';
import { createApiToken } from '../helpers/factories.ts';

describe('token lookups remembered for a second', () => {
  const harness = useTestApp();
  afterEach(() => {
    vi.useRealTimers();
  });

  const revokeInDatabase = (token: string) =>
    harness()
      .database.db.updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('token_hash', '=', hashToken(token))
      .execute();

  it('refuses a token revoked through the API on the very next request', async () => {
    const { app, auth, tokens, partnerId, database } = harness();
    const token = await createApiToken(database.db, { partnerId, role: 'partner_readonly_admin' });
    expect((await app.inject({ url: '/v1/customers', headers: auth(token) })).statusCode).toBe(200);
    const row = await database.db
      .selectFrom('api_tokens')
      .select('id')
      .where('token_hash', '=', hashToken(token))
      .executeTakeFirstOrThrow();
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/v1/tokens/${row.id}`,
      headers: auth(tokens.partnerFull),
    });
    expect(revoked.statusCode).toBe(204);
    expect((await app.inject({ url: '/v1/customers', headers: auth(token) })).statusCode).toBe(401);
  });

  it('refuses a token revoked behind its back once the second has passed, or after any write', async () => {
    const { app, auth, tokens, partnerId, database } = harness();
    vi.useFakeTimers({ toFake: ['Date'] });
    const token = await createApiToken(database.db, { partnerId, role: 'partner_readonly_admin' });
    expect((await app.inject({ url: '/v1/customers', headers: auth(token) })).statusCode).toBe(200);
    await revokeInDatabase(token);
    vi.setSystemTime(Date.now() + TOKEN_CACHE_TTL_MS);
    expect((await app.inject({ url: '/v1/customers', headers: auth(token) })).statusCode).toBe(401);

    const other = await createApiToken(database.db, { partnerId, role: 'partner_readonly_admin' });
    expect((await app.inject({ url: '/v1/customers', headers: auth(other) })).statusCode).toBe(200);
    await revokeInDatabase(other);
    // Any write through this server (here one that fails validation) forgets what it remembered.
    await app.inject({ method: 'POST', url: '/v1/tokens', headers: auth(tokens.partnerFull), payload: {} });
    expect((await app.inject({ url: '/v1/customers', headers: auth(other) })).statusCode).toBe(401);
  });

  it('never remembers an unknown token: it is refused every time', async () => {
    const { app, auth } = harness();
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const refused = await app.inject({ url: '/v1/customers', headers: auth('whk_not-a-token') });
      expect(refused.statusCode).toBe(401);
    }
  });
});
