import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CustomerView } from '../../src/services/customers/customer-view.ts';
import { useTestApp } from '../helpers/app.ts';
import { createApiToken, createPartner, createTestCustomer } from '../helpers/factories.ts';

describe('/v1/admins', () => {
  const harness = useTestApp();
  let customer: CustomerView;
  let otherCustomer: CustomerView;
  let customerFull: string;
  let customerReadonly: string;
  let foreignPartnerFull: string;

  beforeAll(async () => {
    const { database, partnerId } = harness();
    customer = await createTestCustomer(database.db, partnerId);
    otherCustomer = await createTestCustomer(database.db, partnerId);
    customerFull = await createApiToken(database.db, {
      partnerId,
      role: 'customer_full_admin',
      customerId: customer.id,
    });
    customerReadonly = await createApiToken(database.db, {
      partnerId,
      role: 'customer_readonly_admin',
      customerId: customer.id,
    });
    const foreign = await createPartner(database.db, 'Foreign Partner');
    foreignPartnerFull = await createApiToken(database.db, {
      partnerId: foreign,
      role: 'partner_full_admin',
    });
  });

  async function invite(token: string, payload: Record<string, unknown>) {
    const { app, auth } = harness();
    return app.inject({ method: 'POST', url: '/v1/admins', headers: auth(token), payload });
  }

  it('invites partner and customer admins; lists are scoped to the tenant', async () => {
    const { app, auth, tokens, database } = harness();
    const partnerAdmin = await invite(tokens.partnerFull, {
      email: 'colleague@partner.example',
      role: 'partner_full_admin',
      displayName: 'Colleague',
    });
    expect(partnerAdmin.statusCode).toBe(201);
    expect(partnerAdmin.headers.location).toBe(`/v1/admins/${partnerAdmin.json().id}`);
    const customerAdmin = await invite(tokens.partnerFull, {
      email: 'it@customer.example',
      role: 'customer_full_admin',
      customerId: customer.externalId,
    });
    expect(customerAdmin.statusCode).toBe(201);
    expect(customerAdmin.json()).toMatchObject({ customerId: customer.id, status: 'invited' });
    const otherCustomerAdmin = await invite(tokens.partnerFull, {
      email: 'it@other-customer.example',
      role: 'customer_readonly_admin',
      customerId: otherCustomer.id,
    });
    expect(otherCustomerAdmin.statusCode).toBe(201);

    const partnerList = await app.inject({ url: '/v1/admins', headers: auth(tokens.partnerReadonly) });
    expect(partnerList.json().items.map((admin: { email: string }) => admin.email)).toEqual([
      'colleague@partner.example',
      'it@customer.example',
      'it@other-customer.example',
    ]);
    const customerList = await app.inject({ url: '/v1/admins', headers: auth(customerReadonly) });
    expect(customerList.json().items.map((admin: { email: string }) => admin.email)).toEqual([
      'it@customer.example',
    ]);
    const foreignList = await app.inject({ url: '/v1/admins', headers: auth(foreignPartnerFull) });
    expect(foreignList.json().items).toEqual([]);
    const foreignGet = await app.inject({
      url: `/v1/admins/${partnerAdmin.json().id}`,
      headers: auth(foreignPartnerFull),
    });
    expect(foreignGet.statusCode).toBe(404);

    // The invite of a customer admin is audited on the customer.
    const audit = await database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'admin.invite')
      .where('target_id', '=', customerAdmin.json().id)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ customer_id: customer.id, actor_label: 'token:partner_full_admin' });
  });

  it('never grants a role above the granter, and read-only roles cannot invite', async () => {
    const cases: [string, Record<string, unknown>, number][] = [
      [customerFull, { email: 'up@x.example', role: 'partner_full_admin' }, 403],
      [customerFull, { email: 'ok@x.example', role: 'customer_readonly_admin' }, 201],
      [customerReadonly, { email: 'no@x.example', role: 'customer_readonly_admin' }, 403],
      [harness().tokens.partnerReadonly, { email: 'no2@x.example', role: 'partner_readonly_admin' }, 403],
      [harness().tokens.partnerFull, { email: 'op@x.example', role: 'operator' }, 403],
      // A customer of another partner is not found.
      [
        foreignPartnerFull,
        { email: 'f@x.example', role: 'customer_full_admin', customerId: customer.id },
        404,
      ],
      [harness().tokens.partnerFull, { email: 'c@x.example', role: 'customer_full_admin' }, 400],
      [harness().tokens.partnerFull, { email: 'not-an-email', role: 'partner_readonly_admin' }, 400],
      [
        harness().tokens.partnerFull,
        { email: 'colleague@partner.example', role: 'partner_readonly_admin' },
        409,
      ],
    ];
    for (const [token, payload, status] of cases) {
      const response = await invite(token, payload);
      expect({ payload, status: response.statusCode }).toEqual({ payload, status });
    }
    const customerInvited = await invite(customerFull, {
      email: 'own@x.example',
      role: 'customer_full_admin',
    });
    expect(customerInvited.json().customerId).toBe(customer.id);
  });

  it('changes role and name, disables and deletes, auditing each change', async () => {
    const { app, auth, tokens, database } = harness();
    const created = (
      await invite(tokens.partnerFull, {
        email: 'change-me@customer.example',
        role: 'customer_readonly_admin',
        customerId: customer.id,
      })
    ).json();
    const patched = await app.inject({
      method: 'PATCH',
      url: `/v1/admins/${created.id}`,
      headers: auth(customerFull),
      payload: { role: 'customer_full_admin', displayName: 'Renamed', status: 'disabled' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      role: 'customer_full_admin',
      displayName: 'Renamed',
      status: 'disabled',
    });

    const levelChange = await app.inject({
      method: 'PATCH',
      url: `/v1/admins/${created.id}`,
      headers: auth(tokens.partnerFull),
      payload: { role: 'partner_full_admin' },
    });
    expect(levelChange.statusCode).toBe(400);
    const readOnly = await app.inject({
      method: 'PATCH',
      url: `/v1/admins/${created.id}`,
      headers: auth(customerReadonly),
      payload: { displayName: 'Nope' },
    });
    expect(readOnly.statusCode).toBe(403);
    const partnerAdmin = (await app.inject({ url: '/v1/admins', headers: auth(tokens.partnerFull) }))
      .json()
      .items.find((admin: { role: string }) => admin.role === 'partner_full_admin');
    const aboveOwnRole = await app.inject({
      method: 'PATCH',
      url: `/v1/admins/${partnerAdmin.id}`,
      headers: auth(customerFull),
      payload: { displayName: 'Hijack' },
    });
    expect(aboveOwnRole.statusCode).toBe(404);

    const deleted = await app.inject({
      method: 'DELETE',
      url: `/v1/admins/${created.id}`,
      headers: auth(customerFull),
    });
    expect(deleted.statusCode).toBe(204);
    expect(
      (await app.inject({ url: `/v1/admins/${created.id}`, headers: auth(customerFull) })).statusCode,
    ).toBe(404);
    const actions = await database.db
      .selectFrom('audit_events')
      .select(['action', 'customer_id', 'before', 'after'])
      .where('target_id', '=', created.id)
      .orderBy('id')
      .execute();
    expect(actions.map((row) => row.action)).toEqual(['admin.invite', 'admin.update', 'admin.delete']);
    expect(actions.every((row) => row.customer_id === customer.id)).toBe(true);
    expect(actions[1]).toMatchObject({
      before: { role: 'customer_readonly_admin', status: 'invited' },
      after: { role: 'customer_full_admin', status: 'disabled', displayName: 'Renamed' },
    });
  });

  it("keeps a partner's last active full admin: no removal, demotion or disabling", async () => {
    const { app, auth, database } = harness();
    const partner = await createPartner(database.db, 'Lonely Partner');
    const partnerToken = await createApiToken(database.db, {
      partnerId: partner,
      role: 'partner_full_admin',
    });
    const [only, second] = await database.db
      .insertInto('admin_accounts')
      .values([
        { partner_id: partner, email: 'only@lonely.example', role: 'partner_full_admin', status: 'active' },
        {
          partner_id: partner,
          email: 'second@lonely.example',
          role: 'partner_full_admin',
          status: 'invited',
        },
      ])
      .returning('id')
      .execute();
    const send = (method: 'PATCH' | 'DELETE', id: string, payload?: Record<string, unknown>) =>
      app.inject({
        method,
        url: `/v1/admins/${id}`,
        headers: auth(partnerToken),
        ...(payload ? { payload } : {}),
      });

    // The invited second admin does not count until they accept.
    for (const refused of [
      await send('DELETE', only!.id),
      await send('PATCH', only!.id, { role: 'partner_readonly_admin' }),
      await send('PATCH', only!.id, { status: 'disabled' }),
    ]) {
      expect(refused.statusCode).toBe(409);
      expect(refused.json().errors[0].code).toBe('last_partner_full_admin');
    }
    expect((await send('PATCH', only!.id, { displayName: 'Still here' })).statusCode).toBe(200);

    await database.db
      .updateTable('admin_accounts')
      .set({ status: 'active' })
      .where('id', '=', second!.id)
      .execute();
    expect((await send('PATCH', only!.id, { role: 'partner_readonly_admin' })).statusCode).toBe(200);
    expect((await send('DELETE', second!.id)).statusCode).toBe(409);
  });

  it('lets only the partner change what a customer bought', async () => {
    const { app, auth, tokens, database, partnerId } = harness();
    const bought = await createTestCustomer(database.db, partnerId, { provision: true });
    const ownAdmin = await createApiToken(database.db, {
      partnerId,
      role: 'customer_full_admin',
      customerId: bought.id,
    });
    const patch = (token: string, payload: Record<string, unknown>) =>
      app.inject({ method: 'PATCH', url: `/v1/customers/${bought.id}`, headers: auth(token), payload });
    const byCustomer = await patch(ownAdmin, { packages: [{ id: 'webex_suite', limit: 100000 }] });
    expect(byCustomer.statusCode).toBe(403);
    expect(byCustomer.json().message).toMatch(/Only the partner/);
    // The Wholesale API's update always replaces the packages: refused to the customer's admin too.
    const wholesale = await app.inject({
      method: 'PUT',
      url: `/v1/wholesale/customers/${bought.id}`,
      headers: auth(ownAdmin),
      payload: { packages: ['webex_meetings'] },
    });
    expect(wholesale.statusCode, wholesale.body).toBe(403);
    const renamed = await patch(ownAdmin, { name: 'Renamed By Its Admin' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const byPartner = await patch(tokens.partnerFull, { packages: [{ id: 'webex_meetings', limit: 5 }] });
    expect(byPartner.statusCode, byPartner.body).toBe(202); // goes downstream: `updating`
    expect(byPartner.json().packages).toEqual([expect.objectContaining({ id: 'webex_meetings', limit: 5 })]);
  });

  it('names the customer of a customer admin in the list and the detail, without another request', async () => {
    const { app, auth, tokens } = harness();
    const invited = await invite(tokens.partnerFull, {
      email: 'named@customer.example',
      role: 'customer_readonly_admin',
      customerId: otherCustomer.id,
    });
    expect(invited.statusCode, invited.body).toBe(201);
    expect(invited.json()).toMatchObject({ customerId: otherCustomer.id, customerName: otherCustomer.name });
    const listed = (await app.inject({ url: '/v1/admins?max=200', headers: auth(tokens.partnerFull) })).json()
      .items as { email: string; customerId: string | null; customerName: string | null }[];
    const named = listed.find((admin) => admin.email === 'named@customer.example');
    expect(named?.customerName).toBe(otherCustomer.name);
    for (const admin of listed.filter((entry) => entry.customerId === null))
      expect(admin.customerName).toBeNull();
    const detail = await app.inject({
      url: `/v1/admins/${invited.json().id}`,
      headers: auth(tokens.partnerFull),
    });
    expect(detail.json().customerName).toBe(otherCustomer.name);
  });

  it('re-sends an invite; the older link stops working', async () => {
    const { app, auth, tokens, database } = harness();
    const created = (
      await invite(tokens.partnerFull, { email: 'again@partner.example', role: 'partner_readonly_admin' })
    ).json();
    // The cooldown between invite emails to one address (ADR 0002, 2026-11-27) has passed.
    await database.db
      .updateTable('action_tokens')
      .set({ created_at: sql<Date>`now() - interval '1 hour'` })
      .where('subject_id', '=', created.id)
      .execute();
    const resent = await app.inject({
      method: 'POST',
      url: `/v1/admins/${created.id}/invite`,
      headers: auth(tokens.partnerFull),
    });
    expect(resent.statusCode).toBe(200);
    const emails = await database.db
      .selectFrom('outbox_emails')
      .select('body_text')
      .where('to_address', '=', 'again@partner.example')
      .orderBy('created_at')
      .execute();
    expect(emails).toHaveLength(2);
    const tokenOf = (body: string) => /\/invite\/([\w-]+)/.exec(body)?.[1] ?? '';
    const old = await app.inject({
      method: 'POST',
      url: '/v1/auth/accept-invite',
      payload: { token: tokenOf(emails[0]?.body_text ?? ''), password: 'long enough password' },
    });
    expect(old.statusCode).toBe(400);
    const fresh = await app.inject({
      method: 'POST',
      url: '/v1/auth/accept-invite',
      payload: { token: tokenOf(emails[1]?.body_text ?? ''), password: 'long enough password' },
    });
    expect(fresh.statusCode).toBe(200);
  });
});
