import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { CustomerView } from '../../src/services/customers/customer-view.ts';
import { TOKEN_CACHE_TTL_MS } from '../../src/http/plugins/authentication.ts';
import { hashToken } from '../../src/services/auth/secrets.ts';
import { useTestApp } from '../helpers/app.ts';
import { createApiToken, createPartner, createTestCustomer } from '../helpers/factories.ts';

describe('/v1/tokens', () => {
  const harness = useTestApp();
  let customer: CustomerView;
  let customerFull: string;
  let foreignPartnerFull: string;

  beforeAll(async () => {
    const { database, partnerId } = harness();
    customer = await createTestCustomer(database.db, partnerId);
    customerFull = await createApiToken(database.db, {
      partnerId,
      role: 'customer_full_admin',
      customerId: customer.id,
    });
    foreignPartnerFull = await createApiToken(database.db, {
      partnerId: await createPartner(database.db),
      role: 'partner_full_admin',
    });
  });

  it('writes last_used_at on first use and then at most once a minute', async () => {
    const { app, auth, database } = harness();
    const token = await createApiToken(database.db, {
      partnerId: harness().partnerId,
      role: 'partner_readonly_admin',
    });
    const lastUsed = async () =>
      (
        await database.db
          .selectFrom('api_tokens')
          .select('last_used_at')
          .where('token_hash', '=', hashToken(token))
          .executeTakeFirstOrThrow()
      ).last_used_at;
    expect(await lastUsed()).toBeNull();
    expect((await app.inject({ url: '/v1/customers', headers: auth(token) })).statusCode).toBe(200);
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);

    // Within the minute a use leaves it as it is; after it, a use writes it again.
    const recent = new Date(Date.now() - 30_000);
    const stale = new Date(Date.now() - 120_000);
    const setLastUsed = (at: Date) =>
      database.db
        .updateTable('api_tokens')
        .set({ last_used_at: at })
        .where('token_hash', '=', hashToken(token))
        .execute();
    // Each use past the second in which the server remembers a token lookup (ADR 0053).
    const useLater = async () => {
      vi.setSystemTime(Date.now() + TOKEN_CACHE_TTL_MS);
      await app.inject({ url: '/v1/customers', headers: auth(token) });
    };
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      await setLastUsed(recent);
      await useLater();
      expect((await lastUsed())?.getTime()).toBe(recent.getTime());
      await setLastUsed(stale);
      await useLater();
      expect((await lastUsed())?.getTime()).toBeGreaterThan(stale.getTime() + 60_000);
    } finally {
      vi.useRealTimers();
    }
  });

  it('creates a token shown once, stored hashed, that works until it is revoked', async () => {
    const { app, auth, tokens, database } = harness();
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const created = await app.inject({
      method: 'POST',
      url: '/v1/tokens',
      headers: auth(tokens.partnerFull),
      payload: { name: 'billing sync', role: 'partner_readonly_admin', expiresAt },
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({
      name: 'billing sync',
      role: 'partner_readonly_admin',
      expiresAt,
      revokedAt: null,
      prefix: body.token.slice(0, 10),
    });
    expect(body.token).toMatch(/^whk_/);
    const stored = await database.db
      .selectFrom('api_tokens')
      .select('token_hash')
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(body.token);

    const used = await app.inject({ url: '/v1/customers', headers: auth(body.token) });
    expect(used.statusCode).toBe(200);

    const list = await app.inject({ url: '/v1/tokens', headers: auth(tokens.partnerReadonly) });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(body.token);
    const listed = list.json().items.find((token: { id: string }) => token.id === body.id);
    expect(listed).toMatchObject({ prefix: body.prefix, revokedAt: null, lastUsedAt: expect.any(String) });
    expect(listed).not.toHaveProperty('token');

    const revoked = await app.inject({
      method: 'DELETE',
      url: `/v1/tokens/${body.id}`,
      headers: auth(tokens.partnerFull),
    });
    expect(revoked.statusCode).toBe(204);
    expect((await app.inject({ url: '/v1/customers', headers: auth(body.token) })).statusCode).toBe(401);
    const after = await app.inject({ url: `/v1/tokens/${body.id}`, headers: auth(tokens.partnerFull) });
    expect(after.json().revokedAt).toEqual(expect.any(String));

    const audit = await database.db
      .selectFrom('audit_events')
      .select(['action', 'after'])
      .where('target_id', '=', body.id)
      .orderBy('id')
      .execute();
    expect(audit.map((row) => row.action)).toEqual(['token.create', 'token.revoke']);
    expect(JSON.stringify(audit)).not.toContain(body.token);
  });

  it('refuses roles above the creator, past expiry, and read-only creators', async () => {
    const { app, auth, tokens } = harness();
    const cases: [string, Record<string, unknown>, number][] = [
      [tokens.partnerFull, { name: 'x', role: 'operator' }, 403],
      [tokens.partnerReadonly, { name: 'x', role: 'partner_readonly_admin' }, 403],
      [customerFull, { name: 'x', role: 'partner_readonly_admin' }, 403],
      [customerFull, { name: 'x', role: 'customer_readonly_admin' }, 201],
      [tokens.partnerFull, { name: 'x', role: 'customer_full_admin' }, 400],
      [tokens.partnerFull, { name: 'x', role: 'customer_full_admin', customerId: customer.id }, 201],
      [foreignPartnerFull, { name: 'x', role: 'customer_full_admin', customerId: customer.id }, 404],
      [
        tokens.partnerFull,
        { name: 'x', role: 'partner_readonly_admin', expiresAt: '2001-01-01T00:00:00Z' },
        400,
      ],
      [tokens.operator, { name: 'x', role: 'operator' }, 201],
    ];
    for (const [token, payload, status] of cases) {
      const response = await app.inject({ method: 'POST', url: '/v1/tokens', headers: auth(token), payload });
      expect({ payload, status: response.statusCode }).toEqual({ payload, status });
    }
  });

  it("hides another tenant's tokens (404) and a customer admin sees only its customer's", async () => {
    const { app, auth, tokens } = harness();
    const partnerToken = (
      await app.inject({
        method: 'POST',
        url: '/v1/tokens',
        headers: auth(tokens.partnerFull),
        payload: { name: 'partner only', role: 'partner_readonly_admin' },
      })
    ).json();
    for (const token of [foreignPartnerFull, customerFull]) {
      expect(
        (await app.inject({ url: `/v1/tokens/${partnerToken.id}`, headers: auth(token) })).statusCode,
      ).toBe(404);
      const deleted = await app.inject({
        method: 'DELETE',
        url: `/v1/tokens/${partnerToken.id}`,
        headers: auth(token),
      });
      expect(deleted.statusCode).toBe(404);
    }
    const customerList = await app.inject({ url: '/v1/tokens', headers: auth(customerFull) });
    const customerIds = customerList
      .json()
      .items.map((token: { customerId: string | null }) => token.customerId);
    expect(customerIds.length).toBeGreaterThan(0);
    expect(new Set(customerIds)).toEqual(new Set([customer.id]));
  });

  it('pages the list with Link rel="next"', async () => {
    const { app, auth, tokens } = harness();
    const seen = new Set<string>();
    let url: string | undefined = '/v1/tokens?max=2';
    let pages = 0;
    while (url) {
      const current: string = url;
      const response = await app.inject({ url: current, headers: auth(tokens.partnerFull) });
      for (const token of response.json().items as { id: string }[]) {
        expect(seen.has(token.id)).toBe(false);
        seen.add(token.id);
      }
      pages += 1;
      const link: string = String(response.headers.link ?? '');
      url = /<([^>]+)>; rel="next"/.exec(link)?.[1];
    }
    const all = await app.inject({ url: '/v1/tokens?max=200', headers: auth(tokens.partnerFull) });
    expect(seen.size).toBe(all.json().items.length);
    expect(pages).toBeGreaterThan(1);
  });
});
