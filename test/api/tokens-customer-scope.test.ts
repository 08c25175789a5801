// API tokens seen from one customer (SPEC §1): the Control Hub "API tokens" page lists
// GET /v1/tokens?customerId=…. A customer admin sees its own customer's tokens and nothing else
// (no partner token, no other customer's, no other tenant's); a partner admin who opened Control
// Hub sees that customer's tokens only; another tenant's customer is 404, never an empty list.
import { beforeAll, describe, expect, it } from 'vitest';
import type { CustomerView } from '../../src/services/customers/customer-view.ts';
import { useTestApp } from '../helpers/app.ts';
import { createApiToken, createPartner, createTestCustomer } from '../helpers/factories.ts';

interface TokenItem {
  id: string;
  name: string;
  customerId: string | null;
  revokedAt: string | null;
}

describe('/v1/tokens for one customer', () => {
  const harness = useTestApp();
  let own: CustomerView;
  let sibling: CustomerView;
  let foreign: CustomerView;
  let ownFull: string;
  let ownReadonly: string;
  let siblingFull: string;
  let foreignPartnerFull: string;
  const ids: Record<'partner' | 'own' | 'sibling' | 'foreign', string> = {
    partner: '',
    own: '',
    sibling: '',
    foreign: '',
  };

  beforeAll(async () => {
    const { app, auth, database, partnerId, tokens } = harness();
    own = await createTestCustomer(database.db, partnerId);
    sibling = await createTestCustomer(database.db, partnerId);
    const foreignPartner = await createPartner(database.db);
    foreign = await createTestCustomer(database.db, foreignPartner);
    ownFull = await createApiToken(database.db, {
      partnerId,
      role: 'customer_full_admin',
      customerId: own.id,
    });
    ownReadonly = await createApiToken(database.db, {
      partnerId,
      role: 'customer_readonly_admin',
      customerId: own.id,
    });
    siblingFull = await createApiToken(database.db, {
      partnerId,
      role: 'customer_full_admin',
      customerId: sibling.id,
    });
    foreignPartnerFull = await createApiToken(database.db, {
      partnerId: foreignPartner,
      role: 'partner_full_admin',
    });
    const create = async (token: string, payload: Record<string, unknown>) => {
      const response = await app.inject({ method: 'POST', url: '/v1/tokens', headers: auth(token), payload });
      expect(response.statusCode).toBe(201);
      return (response.json() as TokenItem).id;
    };
    ids.partner = await create(tokens.partnerFull, {
      name: 'partner script',
      role: 'partner_readonly_admin',
    });
    ids.own = await create(ownFull, { name: 'own script', role: 'customer_readonly_admin' });
    ids.sibling = await create(siblingFull, { name: 'sibling script', role: 'customer_readonly_admin' });
    ids.foreign = await create(foreignPartnerFull, {
      name: 'foreign script',
      role: 'customer_full_admin',
      customerId: foreign.id,
    });
  });

  const list = async (token: string, query = '') => {
    const { app, auth } = harness();
    const response = await app.inject({ url: `/v1/tokens?max=200${query}`, headers: auth(token) });
    return { status: response.statusCode, items: (response.json() as { items?: TokenItem[] }).items ?? [] };
  };

  it("shows a customer admin its own customer's tokens and never a partner's or another customer's", async () => {
    for (const token of [ownFull, ownReadonly]) {
      for (const query of ['', `&customerId=${own.id}`, `&customerId=${own.externalId}`]) {
        const { status, items } = await list(token, query);
        expect({ query, status }).toEqual({ query, status: 200 });
        expect(new Set(items.map((item) => item.customerId))).toEqual(new Set([own.id]));
        const seen = items.map((item) => item.id);
        expect(seen).toContain(ids.own);
        expect(seen).not.toContain(ids.partner);
        expect(seen).not.toContain(ids.sibling);
        expect(seen).not.toContain(ids.foreign);
      }
    }
  });

  it("answers 404 when a customer admin asks for another customer's tokens", async () => {
    for (const ref of [sibling.id, sibling.externalId, foreign.id, foreign.externalId]) {
      const { status, items } = await list(ownFull, `&customerId=${ref}`);
      expect({ ref, status, items }).toEqual({ ref, status: 404, items: [] });
    }
  });

  it("lists a partner admin one customer's tokens when asked, and all of the partner's otherwise", async () => {
    const { tokens } = harness();
    for (const token of [tokens.partnerFull, tokens.partnerReadonly]) {
      const scoped = await list(token, `&customerId=${own.id}`);
      expect(scoped.status).toBe(200);
      expect(new Set(scoped.items.map((item) => item.customerId))).toEqual(new Set([own.id]));
      expect(scoped.items.map((item) => item.id)).toContain(ids.own);
      const all = (await list(token)).items.map((item) => item.id);
      expect(all).toEqual(expect.arrayContaining([ids.partner, ids.own, ids.sibling]));
      expect(all).not.toContain(ids.foreign);
    }
  });

  it("answers 404 when another tenant's partner admin asks for a customer's tokens", async () => {
    const { status } = await list(foreignPartnerFull, `&customerId=${own.id}`);
    expect(status).toBe(404);
    const { tokens } = harness();
    expect((await list(tokens.partnerFull, `&customerId=${foreign.id}`)).status).toBe(404);
  });

  it('lets a customer full admin create tokens for its own customer only, with customer roles', async () => {
    const { app, auth } = harness();
    const cases: [string, Record<string, unknown>, number][] = [
      [ownFull, { name: 'x', role: 'customer_full_admin' }, 201],
      [ownFull, { name: 'x', role: 'customer_readonly_admin', customerId: own.id }, 201],
      [ownFull, { name: 'x', role: 'customer_readonly_admin', customerId: sibling.id }, 404],
      [ownFull, { name: 'x', role: 'customer_readonly_admin', customerId: foreign.id }, 404],
      [ownFull, { name: 'x', role: 'partner_readonly_admin' }, 403],
      [ownReadonly, { name: 'x', role: 'customer_readonly_admin' }, 403],
    ];
    for (const [token, payload, status] of cases) {
      const response = await app.inject({ method: 'POST', url: '/v1/tokens', headers: auth(token), payload });
      expect({ payload, status: response.statusCode }).toEqual({ payload, status });
      if (response.statusCode === 201) expect(response.json()).toMatchObject({ customerId: own.id });
    }
  });

  it("lets a customer full admin revoke its own customer's tokens and nobody else's", async () => {
    const { app, auth, tokens } = harness();
    const revoke = async (token: string, id: string) =>
      (await app.inject({ method: 'DELETE', url: `/v1/tokens/${id}`, headers: auth(token) })).statusCode;
    expect(await revoke(ownFull, ids.partner)).toBe(404);
    expect(await revoke(ownFull, ids.sibling)).toBe(404);
    expect(await revoke(ownFull, ids.foreign)).toBe(404);
    expect(await revoke(ownReadonly, ids.own)).toBe(403);
    // Nothing of the above changed anything.
    const partnerView = (await list(tokens.partnerFull)).items;
    for (const id of [ids.partner, ids.sibling, ids.own]) {
      expect(partnerView.find((item) => item.id === id)?.revokedAt).toBeNull();
    }
    expect(await revoke(ownFull, ids.own)).toBe(204);
    const after = (await list(ownReadonly)).items.find((item) => item.id === ids.own);
    expect(after?.revokedAt).toEqual(expect.any(String));
  });

  it("lets a partner full admin in Control Hub create and revoke a customer's token", async () => {
    const { app, auth, tokens, database } = harness();
    const created = await app.inject({
      method: 'POST',
      url: '/v1/tokens',
      headers: auth(tokens.partnerFull),
      payload: { name: 'made by partner', role: 'customer_full_admin', customerId: own.id },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ customerId: own.id, customerName: own.name });
    const id = (created.json() as TokenItem).id;
    // The customer's own admins see it too: it is the customer's token.
    expect((await list(ownReadonly)).items.map((item) => item.id)).toContain(id);
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/v1/tokens/${id}`,
      headers: auth(tokens.partnerFull),
    });
    expect(revoked.statusCode).toBe(204);
    const seen = (await list(tokens.partnerReadonly, `&customerId=${own.id}`)).items.find(
      (item) => item.id === id,
    );
    expect(seen?.revokedAt).toEqual(expect.any(String));
    // Done by the partner admin, on behalf of the customer (SPEC §1).
    const audit = await database.db
      .selectFrom('audit_events')
      .select(['action', 'customer_id', 'actor_type'])
      .where('target_id', '=', id)
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'token.create', customer_id: own.id, actor_type: 'token' },
      { action: 'token.revoke', customer_id: own.id, actor_type: 'token' },
    ]);
  });

  it('names the customer of each customer token, and none for a partner token', async () => {
    const { tokens } = harness();
    const items = (await list(tokens.partnerFull)).items as (TokenItem & { customerName: string | null })[];
    const byId = new Map(items.map((item) => [item.id, item.customerName]));
    expect(byId.get(ids.own)).toBe(own.name);
    expect(byId.get(ids.sibling)).toBe(sibling.name);
    expect(byId.get(ids.partner)).toBeNull();
  });
});
