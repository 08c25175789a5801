// GDPR erasure (SPEC §1) of people whose names changed, who were removed, or whose email changed:
// every personal field of every event about them becomes the tombstone; the facts and other
// people's events stay exactly as they were.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventRow } from '../../src/db/schema.ts';
import type { CustomerView } from '../../src/services/customers/customer-view.ts';
import { tombstoneOf } from '../../src/services/privacy/erasure-engine.ts';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';
import { createScimCustomer, scimUser } from '../scim/scim-harness.ts';

describe('POST /v1/partners/{partnerId}/erasures', () => {
  const harness = useTestApp();
  let customer: CustomerView;

  beforeAll(async () => {
    const { database, partnerId } = harness();
    customer = await createTestCustomer(database.db, partnerId, { provision: true });
  });

  async function createUser(payload: Record<string, unknown>): Promise<string> {
    const { app, auth, tokens } = harness();
    const created = await app.inject({
      method: 'POST',
      url: `/v1/customers/${customer.id}/users`,
      headers: auth(tokens.partnerFull),
      payload: { package: 'webex_meetings', ...payload },
    });
    expect(created.statusCode, created.body).toBeLessThan(300);
    return (created.json() as { id: string }).id;
  }

  async function patchUser(id: string, payload: Record<string, unknown>): Promise<void> {
    const { app, auth, tokens } = harness();
    const patched = await app.inject({
      method: 'PATCH',
      url: `/v1/customers/${customer.id}/users/${id}`,
      headers: auth(tokens.partnerFull),
      payload,
    });
    expect(patched.statusCode, patched.body).toBe(200);
  }

  async function erase(email: string): Promise<{ tombstone: string; erasedEvents: number }> {
    const { app, auth, tokens, partnerId } = harness();
    const erased = await app.inject({
      method: 'POST',
      url: `/v1/partners/${partnerId}/erasures`,
      headers: auth(tokens.partnerFull),
      payload: { email },
    });
    expect(erased.statusCode, erased.body).toBe(200);
    return erased.json();
  }

  async function eventsAbout(targetId: string): Promise<AuditEventRow[]> {
    return harness()
      .database.db.selectFrom('audit_events')
      .selectAll()
      .where('target_id', '=', targetId)
      .orderBy('id')
      .execute();
  }

  const facts = (rows: readonly AuditEventRow[]) =>
    rows.map((row) => ({
      id: row.id,
      occurredAt: row.occurred_at,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      actorType: row.actor_type,
      actorId: row.actor_id,
      actorLabel: row.actor_label,
      requestId: row.request_id,
      customerId: row.customer_id,
    }));

  it('erases every name, old and new, of a removed user and of a user who still exists', async () => {
    const { app, auth, tokens, database } = harness();
    const zelda = 'zelda.zonder@customer.example';
    const zeldaId = await createUser({
      email: zelda,
      firstName: 'Zelda',
      lastName: 'Zonder',
      displayName: 'Zelda Z',
      callerIdFirstName: 'Zeltje',
      callerIdLastName: 'Zonderbel',
      title: 'Zookeeper',
      department: 'Zoology',
      manager: 'Zacharias Zuur',
    });
    await patchUser(zeldaId, { lastName: 'Zonderland' });
    const removed = await app.inject({
      method: 'DELETE',
      url: `/v1/customers/${customer.id}/users/${zeldaId}`,
      headers: auth(tokens.partnerFull),
    });
    expect(removed.statusCode).toBe(204);

    const yara = 'yara.ypma@customer.example';
    const yaraId = await createUser({
      email: yara,
      firstName: 'Yara',
      lastName: 'Ypma',
      displayName: 'Yara Y',
      callerIdFirstName: 'Yaartje',
      callerIdLastName: 'Ypmabel',
    });
    await patchUser(yaraId, { lastName: 'Yzerman', callerIdLastName: 'Yzerbel' });

    // Someone else who shares a first name: their events are not about Zelda.
    const otherId = await createUser({
      email: 'zelda.anders@customer.example',
      firstName: 'Zelda',
      lastName: 'Anders',
      displayName: 'Zelda Anders',
      callerIdFirstName: 'Zelda',
      callerIdLastName: 'Anders',
      manager: 'Zelda Z',
    });
    await patchUser(otherId, { lastName: 'Andersom' });

    const zeldaBefore = await eventsAbout(zeldaId);
    const yaraBefore = await eventsAbout(yaraId);
    const otherBefore = await eventsAbout(otherId);
    expect(zeldaBefore.map((row) => row.action)).toEqual(['user.create', 'user.update', 'user.delete']);
    expect(JSON.stringify(zeldaBefore)).toContain('Zonderbel');

    const zeldaErased = await erase(zelda);
    const yaraErased = await erase('Yara.Ypma@customer.example');
    expect(zeldaErased.tombstone).toBe(tombstoneOf(zelda));
    expect(zeldaErased.erasedEvents).toBe(3);
    expect(yaraErased.erasedEvents).toBe(2);

    const zeldaAfter = await eventsAbout(zeldaId);
    const yaraAfter = await eventsAbout(yaraId);
    const zeldaText = JSON.stringify(zeldaAfter);
    for (const value of [
      'zelda',
      'Zonder',
      'Zelda Z',
      'Zeltje',
      'Zonderbel',
      'Zonderland',
      'Zookeeper',
      'Zoology',
      'Zacharias',
    ]) {
      expect(zeldaText.toLowerCase(), value).not.toContain(value.toLowerCase());
    }
    const yaraText = JSON.stringify(yaraAfter);
    for (const value of ['yara', 'Ypma', 'Yara Y', 'Yaartje', 'Ypmabel', 'Yzerman', 'Yzerbel']) {
      expect(yaraText.toLowerCase(), value).not.toContain(value.toLowerCase());
    }
    // Every personal field is the tombstone; the facts around it stay.
    const zeldaTombstone = zeldaErased.tombstone;
    expect(zeldaAfter[0]?.after).toMatchObject({
      email: zeldaTombstone,
      firstName: zeldaTombstone,
      lastName: zeldaTombstone,
      displayName: zeldaTombstone,
      callerIdFirstName: zeldaTombstone,
      callerIdLastName: zeldaTombstone,
      title: zeldaTombstone,
      department: zeldaTombstone,
      manager: zeldaTombstone,
      packageId: 'webex_meetings',
      phoneNumber: null,
    });
    expect(zeldaAfter[1]?.before).toMatchObject({ lastName: zeldaTombstone, packageId: 'webex_meetings' });
    expect(zeldaAfter[1]?.after).toMatchObject({ lastName: zeldaTombstone });
    expect(zeldaAfter[2]?.before).toMatchObject({ firstName: zeldaTombstone, lastName: zeldaTombstone });
    expect(yaraAfter[1]?.after).toMatchObject({
      lastName: yaraErased.tombstone,
      callerIdLastName: yaraErased.tombstone,
    });
    expect(facts(zeldaAfter)).toEqual(facts(zeldaBefore));
    expect(facts(yaraAfter)).toEqual(facts(yaraBefore));

    // The other Zelda keeps every name, and her manager field (a free-text value) too.
    expect(await eventsAbout(otherId)).toEqual(otherBefore);
    // The live user that still exists is not the log: the erasure leaves the row to its owners.
    const live = await database.db
      .selectFrom('users')
      .select(['last_name'])
      .where('id', '=', yaraId)
      .executeTakeFirstOrThrow();
    expect(live.last_name).toBe('Yzerman');
  });

  it('follows an email changed over time, and erases the person as an actor too', async () => {
    const testApp = harness();
    const { database, partnerId } = testApp;
    const scim = await createScimCustomer(testApp);
    const created = await scim.request(
      'POST',
      '/Users',
      scimUser('xavi.old@customer.example', {
        name: { givenName: 'Xaviera', familyName: 'Xanten' },
        emails: [{ value: 'xavi.old@customer.example', primary: true }],
      }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const xaviId = (created.json() as { id: string }).id;
    const replaced = await scim.request(
      'PUT',
      `/Users/${xaviId}`,
      scimUser('xavi.new@customer.example', {
        name: { givenName: 'Xaviera', familyName: 'Xanten-Xu' },
        emails: [{ value: 'xavi.new@customer.example', primary: true }],
      }),
    );
    expect(replaced.statusCode, replaced.body).toBe(200);
    const deleted = await scim.request('DELETE', `/Users/${xaviId}`);
    expect(deleted.statusCode, deleted.body).toBe(204);
    // Xavi as an actor (an admin who signed in), naming someone else's event.
    await database.db
      .insertInto('audit_events')
      .values({
        partner_id: partnerId,
        actor_type: 'admin',
        actor_id: null,
        actor_label: 'xavi.new@customer.example',
        action: 'test.acted',
        target_type: 'customer',
        target_id: scim.customerId,
        after: JSON.stringify({ note: 'Xaviera stays here: not a field about her' }),
      })
      .execute();
    const before = await eventsAbout(xaviId);
    expect(JSON.stringify(before)).toContain('xavi.new@customer.example');

    // Asked by the address she no longer has.
    const erased = await erase('xavi.old@customer.example');
    const after = await eventsAbout(xaviId);
    const text = JSON.stringify(after).toLowerCase();
    expect(text).not.toContain('xavi.old');
    expect(text).not.toContain('xavi.new');
    expect(after.length).toBeGreaterThan(0);
    expect(facts(after).map(({ actorLabel: _label, ...rest }) => rest)).toEqual(
      facts(before).map(({ actorLabel: _label, ...rest }) => rest),
    );
    const acted = await database.db
      .selectFrom('audit_events')
      .select(['actor_label', 'after'])
      .where('action', '=', 'test.acted')
      .executeTakeFirstOrThrow();
    expect(acted).toEqual({
      actor_label: erased.tombstone,
      after: { note: 'Xaviera stays here: not a field about her' },
    });
  });
  it("erases a free account's own events once the person is this partner's, and not before", async () => {
    const { app, auth, tokens, database } = harness();
    const freeAccount = async (email: string, firstName: string) => {
      const created = await app.inject({
        method: 'POST',
        url: '/v1/accounts/free',
        headers: auth(tokens.operator),
        payload: { email, firstName, lastName: 'Vrij' },
      });
      expect(created.statusCode, created.body).toBe(201);
      return (created.json() as { id: string }).id;
    };
    const waltAccount = await freeAccount('walt.vrij@free.example', 'Walt');
    const veraAccount = await freeAccount('vera.vrij@free.example', 'Vera');
    const deploymentEvents = () =>
      database.db
        .selectFrom('audit_events')
        .select(['target_id', 'after'])
        .where('target_id', 'in', [waltAccount, veraAccount])
        .orderBy('id')
        .execute();
    const untouched = await deploymentEvents();

    // Not (yet) a person of this partner: another tenant's view of the deployment stays closed.
    expect((await erase('walt.vrij@free.example')).erasedEvents).toBe(0);
    expect(await deploymentEvents()).toEqual(untouched);

    const waltId = await createUser({ email: 'walt.vrij@free.example', firstName: 'Walt', lastName: 'Vrij' });
    const erased = await erase('walt.vrij@free.example');
    expect(await deploymentEvents()).toEqual([
      { target_id: waltAccount, after: { email: erased.tombstone, source: 'operator' } },
      untouched[1],
    ]);
    const userText = JSON.stringify(await eventsAbout(waltId));
    expect(userText).not.toContain('Walt');
    expect(userText).not.toContain('walt.vrij');
  });
});
