// ADR 0085: a token created with an API token records it, and revoking a token revokes the tokens
// created with it, down the chain, in the same transaction: on the node that revoked, at once even
// with the token lookups cached (ADR 0053); on another node of the same database, as soon as a
// revoked token is refused there (the cache's second, or any write through that node).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { AppError } from '../../src/domain/errors.ts';
import { buildApp } from '../../src/http/app.ts';
import { TOKEN_CACHE_TTL_MS } from '../../src/http/plugins/authentication.ts';
import { hashToken } from '../../src/services/auth/secrets.ts';
import { createToken } from '../../src/services/tokens/token-service.ts';
import { useTestApp } from '../helpers/app.ts';

interface CreatedToken {
  readonly id: string;
  readonly token: string;
  readonly createdByTokenId: string | null;
}

describe('revoking an API token revokes the tokens created with it', () => {
  const harness = useTestApp();
  afterEach(() => {
    vi.useRealTimers();
  });

  async function mint(with_: string, name: string): Promise<CreatedToken> {
    const { app, auth } = harness();
    const created = await app.inject({
      method: 'POST',
      url: '/v1/tokens',
      headers: auth(with_),
      payload: { name, role: 'partner_full_admin' },
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json<CreatedToken>();
  }

  async function status(token: string, app = harness().app): Promise<number> {
    return (await app.inject({ url: '/v1/customers', headers: harness().auth(token) })).statusCode;
  }

  async function tokenIdOf(token: string): Promise<string> {
    const row = await harness()
      .database.db.selectFrom('api_tokens')
      .select('id')
      .where('token_hash', '=', hashToken(token))
      .executeTakeFirstOrThrow();
    return row.id;
  }

  it('names the creating token in the create answer, the list and the token itself', async () => {
    const { app, auth, tokens } = harness();
    const t1 = await mint(tokens.partnerFull, 'first');
    const t2 = await mint(t1.token, 'second');
    expect(t1.createdByTokenId).toBe(await tokenIdOf(tokens.partnerFull));
    expect(t2.createdByTokenId).toBe(t1.id);

    const one = await app.inject({ url: `/v1/tokens/${t2.id}`, headers: auth(tokens.partnerFull) });
    expect(one.json()).toMatchObject({ id: t2.id, name: 'second', createdByTokenId: t1.id });
    const list = await app.inject({ url: '/v1/tokens?max=200', headers: auth(tokens.partnerFull) });
    const items = list.json<{ items: { id: string; createdByTokenId: string | null; prefix: string }[] }>();
    expect(items.items.find((item) => item.id === t2.id)).toMatchObject({ createdByTokenId: t1.id });
    // Tokens made outside the API (here the test's own) have no creating token recorded.
    const own = items.items.find((item) => item.id === t1.createdByTokenId);
    expect(own).toMatchObject({ createdByTokenId: null });
  });

  it('revokes the whole chain with the token, at once though the server remembered them', async () => {
    const { app, auth, tokens, database } = harness();
    const t1 = await mint(tokens.partnerFull, 'ci-integration');
    const t2 = await mint(t1.token, 'ci-integration');
    const t3 = await mint(t2.token, 'grandchild');
    const sibling = await mint(tokens.partnerFull, 'sibling');
    for (const token of [t1, t2, t3, sibling]) expect(await status(token.token)).toBe(200);

    const revoked = await app.inject({
      method: 'DELETE',
      url: `/v1/tokens/${t1.id}`,
      headers: auth(tokens.partnerFull),
    });
    expect(revoked.statusCode).toBe(204);
    for (const token of [t1, t2, t3]) expect(await status(token.token)).toBe(401);
    expect(await status(sibling.token)).toBe(200);
    const mintAgain = await app.inject({
      method: 'POST',
      url: '/v1/tokens',
      headers: auth(t2.token),
      payload: { name: 'x', role: 'partner_full_admin' },
    });
    expect(mintAgain.statusCode).toBe(401);

    const audits = await database.db
      .selectFrom('audit_events')
      .select(['target_id', 'after'])
      .where('action', '=', 'token.revoke')
      .where('target_id', 'in', [t1.id, t2.id, t3.id])
      .execute();
    expect(audits).toHaveLength(3);
    const reasonOf = (id: string) =>
      (audits.find((audit) => audit.target_id === id)?.after as { reason?: string } | null)?.reason;
    expect(reasonOf(t2.id)).toBe('creating_token_revoked');
    expect(reasonOf(t3.id)).toBe('creating_token_revoked');
    const t3After = audits.find((audit) => audit.target_id === t3.id)?.after;
    expect(t3After).toMatchObject({ createdByTokenId: t2.id });
  });

  it('reaches below a token in the chain that was revoked before', async () => {
    const { app, auth, tokens } = harness();
    const t1 = await mint(tokens.partnerFull, 'top');
    const t2 = await mint(t1.token, 'middle');
    const t3 = await mint(t2.token, 'bottom');
    // The middle token revoked behind the service's back, its child left live (as before 0022).
    await harness()
      .database.db.updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('id', '=', t2.id)
      .execute();
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/v1/tokens/${t1.id}`,
      headers: auth(tokens.partnerFull),
    });
    expect(revoked.statusCode).toBe(204);
    expect(await status(t3.token)).toBe(401);
  });

  it('lets a token revoked while its request ran create nothing', async () => {
    const { database, tokens, partnerId } = harness();
    const t1 = await mint(tokens.partnerFull, 'racing');
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
    const attempt = createToken(context, { name: 'late child', role: 'partner_full_admin' });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: 'unauthenticated' });
    const children = await database.db
      .selectFrom('api_tokens')
      .select('id')
      .where('name', '=', 'late child')
      .execute();
    expect(children).toHaveLength(0);
  });

  it('takes a child row before its parent in one transaction (hub migrate-to copies in batches)', async () => {
    const { database, partnerId } = harness();
    const [parentId, childId] = [randomUUID(), randomUUID()];
    const row = (id: string, parent: string | null) =>
      sql`insert into api_tokens (id, partner_id, name, role, token_hash, prefix, created_by_token_id)
          values (${id}::uuid, ${partnerId}::uuid, 'copied', 'partner_readonly_admin', ${`hash-${id}`},
                  'whk_copied', ${parent}::uuid)`;
    await database.db.transaction().execute(async (trx) => {
      await row(childId, parentId).execute(trx);
      await row(parentId, null).execute(trx);
    });
    const stored = await database.db
      .selectFrom('api_tokens')
      .select('id')
      .where('id', '=', childId)
      .execute();
    expect(stored).toHaveLength(1);
  });

  it('is refused on another node of the same database like the revoked token itself', async () => {
    const { database, auth, tokens, app } = harness();
    const config = loadConfig({ HUB_DATA_DIR: '/tmp/hub-test-unused', LOG_LEVEL: 'silent' });
    const other = await buildApp({ config, database, secret: 'y'.repeat(32) });
    // The other node remembers a child, then node A revokes its parent.
    const revokedOnA = async (name: string): Promise<CreatedToken> => {
      const parent = await mint(tokens.partnerFull, name);
      const child = await mint(parent.token, `${name}-child`);
      expect(await status(child.token, other)).toBe(200);
      const revoked = await app.inject({
        method: 'DELETE',
        url: `/v1/tokens/${parent.id}`,
        headers: auth(tokens.partnerFull),
      });
      expect(revoked.statusCode).toBe(204);
      return child;
    };
    try {
      await other.ready();
      vi.useFakeTimers({ toFake: ['Date'] });
      // Once the cache's second has passed there (ADR 0053), as a directly revoked token is.
      const waited = await revokedOnA('node-a');
      vi.setSystemTime(Date.now() + TOKEN_CACHE_TTL_MS);
      expect(await status(waited.token, other)).toBe(401);
      // And at once after any write through that node.
      const written = await revokedOnA('node-a-again');
      await other.inject({
        method: 'POST',
        url: '/v1/tokens',
        headers: auth(tokens.partnerFull),
        payload: {},
      });
      expect(await status(written.token, other)).toBe(401);
    } finally {
      await other.close();
    }
  });
});
