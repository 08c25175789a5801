import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CustomerView } from '../../src/services/customers/customer-view.ts';
import { insertOutboxEmail } from '../../src/db/repositories/outbox.ts';
import { tombstoneOf } from '../../src/services/privacy/erasure-engine.ts';
import { useTestApp } from '../helpers/app.ts';
import { createApiToken, createTestCustomer } from '../helpers/factories.ts';

describe('/v1/partners', () => {
  const harness = useTestApp();
  let customer: CustomerView;
  let customerFull: string;

  beforeAll(async () => {
    const { database, partnerId } = harness();
    customer = await createTestCustomer(database.db, partnerId, { provision: true });
    customerFull = await createApiToken(database.db, {
      partnerId,
      role: 'customer_full_admin',
      customerId: customer.id,
    });
  });

  it('lets the operator list, create, get and edit partners, audited', async () => {
    const { app, auth, tokens, database } = harness();
    const created = await app.inject({
      method: 'POST',
      url: '/v1/partners',
      headers: auth(tokens.operator),
      payload: { name: 'Telco Noord', defaultLanguage: 'nl' },
    });
    expect(created.statusCode).toBe(201);
    const partner = created.json();
    expect(partner).toMatchObject({ name: 'Telco Noord', defaultLanguage: 'nl', isDefault: false });
    const list = await app.inject({ url: '/v1/partners', headers: auth(tokens.operator) });
    expect(list.json().items.map((item: { id: string }) => item.id)).toContain(partner.id);
    const patched = await app.inject({
      method: 'PATCH',
      url: `/v1/partners/${partner.id}`,
      headers: auth(tokens.operator),
      payload: { name: 'Telco Noord BV', defaultLanguage: 'en' },
    });
    expect(patched.json()).toMatchObject({ name: 'Telco Noord BV', defaultLanguage: 'en' });
    const invalid = await app.inject({
      method: 'POST',
      url: '/v1/partners',
      headers: auth(tokens.operator),
      payload: { name: '', defaultLanguage: 'Dutch!' },
    });
    expect(invalid.statusCode).toBe(400);
    const audit = await database.db
      .selectFrom('audit_events')
      .select(['action', 'before', 'after'])
      .where('target_id', '=', partner.id)
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'partner.create', before: null, after: { name: 'Telco Noord', defaultLanguage: 'nl' } },
      {
        action: 'partner.update',
        before: { name: 'Telco Noord', defaultLanguage: 'nl' },
        after: { name: 'Telco Noord BV', defaultLanguage: 'en' },
      },
    ]);
  });

  it('refuses a default language that is no language (400, field named, en and nl) and stores one spelling', async () => {
    const { app, auth, tokens } = harness();
    for (const defaultLanguage of ['xx', 'nl_XX', 'en-ZZ']) {
      const refused = await app.inject({
        method: 'POST',
        url: '/v1/partners',
        headers: { ...auth(tokens.operator), 'accept-language': 'nl' },
        payload: { name: `Telco ${defaultLanguage}`, defaultLanguage },
      });
      expect(refused.statusCode, defaultLanguage).toBe(400);
      expect(refused.json().errors).toEqual([
        expect.objectContaining({
          code: 'invalid_language',
          description: expect.stringContaining(`"${defaultLanguage}" is geen taal`),
        }),
      ]);
    }
    const created = await app.inject({
      method: 'POST',
      url: '/v1/partners',
      headers: auth(tokens.operator),
      payload: { name: 'Telco Zuid', defaultLanguage: 'nl-nl' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().defaultLanguage).toBe('nl_NL');
    const patched = await app.inject({
      method: 'PATCH',
      url: `/v1/partners/${created.json().id}`,
      headers: auth(tokens.operator),
      payload: { defaultLanguage: 'xx' },
    });
    expect(patched.statusCode).toBe(400);
    expect(patched.json().errors[0].description).toContain('defaultLanguage: "xx" is not a language');
    const read = await app.inject({
      url: `/v1/partners/${created.json().id}`,
      headers: auth(tokens.operator),
    });
    expect(read.json().defaultLanguage).toBe('nl_NL');
  });

  it('answers 404 to everyone but the operator for the list, create and foreign partners', async () => {
    const { app, auth, tokens, defaultPartnerId } = harness();
    for (const token of [tokens.partnerFull, tokens.partnerReadonly, customerFull]) {
      expect((await app.inject({ url: '/v1/partners', headers: auth(token) })).statusCode).toBe(404);
      const create = await app.inject({
        method: 'POST',
        url: '/v1/partners',
        headers: auth(token),
        payload: { name: 'Mine' },
      });
      expect(create.statusCode).toBe(404);
      expect(
        (await app.inject({ url: `/v1/partners/${defaultPartnerId}`, headers: auth(token) })).statusCode,
      ).toBe(404);
    }
  });

  it("lets a partner's full admins edit its settings; read-only admins read them; customer admins see nothing", async () => {
    const { app, auth, tokens, partnerId } = harness();
    const own = await app.inject({ url: `/v1/partners/${partnerId}`, headers: auth(tokens.partnerReadonly) });
    expect(own.statusCode).toBe(200);
    const readOnly = await app.inject({
      method: 'PATCH',
      url: `/v1/partners/${partnerId}`,
      headers: auth(tokens.partnerReadonly),
      payload: { defaultLanguage: 'nl' },
    });
    expect(readOnly.statusCode).toBe(403);
    const full = await app.inject({
      method: 'PATCH',
      url: `/v1/partners/${partnerId}`,
      headers: auth(tokens.partnerFull),
      payload: { defaultLanguage: 'nl_NL' },
    });
    expect(full.statusCode).toBe(200);
    expect(full.json().defaultLanguage).toBe('nl_NL');
    // The partner's language is the language of its emails.
    const invited = await app.inject({
      method: 'POST',
      url: '/v1/admins',
      headers: auth(tokens.partnerFull),
      payload: { email: 'nieuw@partner.example', role: 'partner_readonly_admin' },
    });
    expect(invited.statusCode).toBe(201);
    const email = await harness()
      .database.db.selectFrom('outbox_emails')
      .select(['subject', 'body_text'])
      .where('to_address', '=', 'nieuw@partner.example')
      .executeTakeFirstOrThrow();
    expect(email.subject).toMatch(/uitgenodigd/);
    expect(
      (await app.inject({ url: `/v1/partners/${partnerId}`, headers: auth(customerFull) })).statusCode,
    ).toBe(404);
  });

  describe('GDPR erasure', () => {
    it("replaces a person's email and name in the partner's audit log with a tombstone, keeping the facts", async () => {
      const { app, auth, tokens, database, partnerId } = harness();
      const email = 'Jan.Jansen@customer.example';
      const created = await app.inject({
        method: 'POST',
        url: `/v1/customers/${customer.id}/users`,
        headers: auth(tokens.partnerFull),
        payload: { email, firstName: 'Jantje', lastName: 'Jansen-Groot', package: 'webex_meetings' },
      });
      expect(created.statusCode, created.body).toBeLessThan(300);
      const invited = await app.inject({
        method: 'POST',
        url: '/v1/admins',
        headers: auth(tokens.partnerFull),
        payload: {
          email: 'erase-me@partner.example',
          role: 'partner_readonly_admin',
          displayName: 'Erik Erase',
        },
      });
      expect(invited.statusCode).toBe(201);
      const before = await database.db
        .selectFrom('audit_events')
        .selectAll()
        .where('partner_id', '=', partnerId)
        .orderBy('id')
        .execute();

      const erased = await app.inject({
        method: 'POST',
        url: `/v1/partners/${partnerId}/erasures`,
        headers: auth(tokens.partnerFull),
        payload: { email: 'jan.jansen@customer.example' },
      });
      expect(erased.statusCode).toBe(200);
      const tombstone = tombstoneOf(email);
      expect(erased.json()).toEqual({
        tombstone,
        erasedEvents: expect.any(Number),
        erasedEmails: 0,
        erasedImportRows: 0,
        deletedImportFiles: 0,
        cancelledImports: 0,
      });
      expect(erased.json().erasedEvents).toBeGreaterThan(0);

      const after = await database.db
        .selectFrom('audit_events')
        .selectAll()
        .where('partner_id', '=', partnerId)
        .orderBy('id')
        .execute();
      const text = JSON.stringify(after);
      expect(text.toLowerCase()).not.toContain('jan.jansen@customer.example');
      expect(text).not.toContain('Jantje');
      expect(text).not.toContain('Jansen-Groot');
      expect(text).toContain(tombstone);
      // Other people and the facts of every event stay as they were.
      expect(text).toContain('erase-me@partner.example');
      const facts = (rows: typeof before) =>
        rows.map((row) => [
          row.id,
          row.action,
          row.target_type,
          row.target_id,
          row.actor_type,
          row.occurred_at,
        ]);
      expect(facts(after).slice(0, before.length)).toEqual(facts(before));
      expect(after.at(-1)).toMatchObject({ action: 'person.erase', target_id: tombstone });
    });

    it("scrubs the partner's outbox too, and does not send what still waits for the person", async () => {
      const { app, auth, tokens, database, partnerId } = harness();
      const person = 'piet.pieters@customer.example';
      const created = await app.inject({
        method: 'POST',
        url: `/v1/customers/${customer.id}/users`,
        headers: auth(tokens.partnerFull),
        payload: { email: person, firstName: 'Pietje', lastName: 'Pieters', package: 'webex_meetings' },
      });
      expect(created.statusCode, created.body).toBeLessThan(300);
      const otherPartner = await database.db
        .insertInto('partners')
        .values({ name: 'Telco Elders' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const outgoing = (partner: string, to: string, subject: string, bodyText: string) =>
        insertOutboxEmail(database.db, {
          partnerId: partner,
          customerId: null,
          to,
          template: 'test',
          subject,
          bodyText,
        });
      const waiting = await outgoing(partnerId, person, 'Welkom Pietje', `Hallo Pietje Pieters (${person}),`);
      const aboutHim = await outgoing(
        partnerId,
        'boss@customer.example',
        'New user',
        `${person} joined, Pieters.`,
      );
      await database.db
        .updateTable('outbox_emails')
        .set({ status: 'sent' })
        .where('id', '=', aboutHim.id)
        .execute();
      const unrelated = await outgoing(
        partnerId,
        'boss@customer.example',
        'Report',
        'Pietjes and pieters stay.',
      );
      const elsewhere = await outgoing(otherPartner.id, person, 'Hi Pietje', `For ${person}`);

      const erased = await app.inject({
        method: 'POST',
        url: `/v1/partners/${partnerId}/erasures`,
        headers: auth(tokens.partnerFull),
        payload: { email: person },
      });
      expect(erased.statusCode).toBe(200);
      const tombstone = tombstoneOf(person);
      expect(erased.json()).toMatchObject({ tombstone, erasedEmails: 2 });

      const rows = await database.db
        .selectFrom('outbox_emails')
        .select(['id', 'to_address', 'subject', 'body_text', 'status', 'last_error'])
        .where('id', 'in', [waiting.id, aboutHim.id, unrelated.id, elsewhere.id])
        .execute();
      const byId = new Map(rows.map((row) => [row.id, row]));
      expect(byId.get(waiting.id)).toEqual({
        id: waiting.id,
        to_address: tombstone,
        subject: `Welkom ${tombstone}`,
        body_text: `Hallo ${tombstone} ${tombstone} (${tombstone}),`,
        status: 'failed',
        last_error: 'recipient erased',
      });
      expect(byId.get(aboutHim.id)).toMatchObject({
        to_address: 'boss@customer.example',
        body_text: `${tombstone} joined, ${tombstone}.`,
        status: 'sent',
      });
      // Whole words only, and other partners' mail is theirs to erase.
      expect(byId.get(unrelated.id)?.body_text).toBe('Pietjes and pieters stay.');
      expect(byId.get(elsewhere.id)).toMatchObject({ to_address: person, body_text: `For ${person}` });
    });

    it('keeps blocking ordinary updates and deletes of the audit log', async () => {
      const { database } = harness();
      const row = await database.db
        .selectFrom('audit_events')
        .select('id')
        .limit(1)
        .executeTakeFirstOrThrow();
      await expect(
        database.db
          .updateTable('audit_events')
          .set({ action: 'tampered' })
          .where('id', '=', row.id)
          .execute(),
      ).rejects.toThrow(/append-only/);
      await expect(database.db.deleteFrom('audit_events').where('id', '=', row.id).execute()).rejects.toThrow(
        /append-only/,
      );
      // The erasure switch is local to its own transaction: it does not leak to later ones.
      await database.db.transaction().execute(async (trx) => {
        await sql`select set_config('hub.audit_erasure', 'on', true)`.execute(trx);
      });
      await expect(
        database.db
          .updateTable('audit_events')
          .set({ action: 'tampered' })
          .where('id', '=', row.id)
          .execute(),
      ).rejects.toThrow(/append-only/);
    });

    it("only touches the partner's own rows and answers 404 to other tenants", async () => {
      const { app, auth, tokens, database, partnerId, defaultPartnerId } = harness();
      await database.db
        .insertInto('audit_events')
        .values({
          partner_id: defaultPartnerId,
          actor_type: 'admin',
          actor_label: 'shared@person.example',
          action: 'test.other_partner',
          target_type: 'test',
        })
        .execute();
      await database.db
        .insertInto('audit_events')
        .values({
          partner_id: partnerId,
          actor_type: 'admin',
          actor_label: 'shared@person.example',
          action: 'test.own_partner',
          target_type: 'test',
        })
        .execute();
      const foreign = await app.inject({
        method: 'POST',
        url: `/v1/partners/${defaultPartnerId}/erasures`,
        headers: auth(tokens.partnerFull),
        payload: { email: 'shared@person.example' },
      });
      expect(foreign.statusCode).toBe(404);
      const readOnly = await app.inject({
        method: 'POST',
        url: `/v1/partners/${partnerId}/erasures`,
        headers: auth(tokens.partnerReadonly),
        payload: { email: 'shared@person.example' },
      });
      expect(readOnly.statusCode).toBe(403);
      const own = await app.inject({
        method: 'POST',
        url: `/v1/partners/${partnerId}/erasures`,
        headers: auth(tokens.partnerFull),
        payload: { email: 'shared@person.example' },
      });
      expect(own.json().erasedEvents).toBe(1);
      const labels = await database.db
        .selectFrom('audit_events')
        .select(['action', 'actor_label'])
        .where('action', 'like', 'test.%')
        .orderBy('id')
        .execute();
      expect(labels).toEqual([
        { action: 'test.other_partner', actor_label: 'shared@person.example' },
        { action: 'test.own_partner', actor_label: tombstoneOf('shared@person.example') },
      ]);
    });
  });
});
