// The user list page is JSON written by the database (ADR 0068). It must be byte for byte what the
// route wrote before from UserView objects (listUserViews + the precompiled serializer): every
// field, null or not, every filter, cursor pages, empty pages and the Link header.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { NewUser, Role } from '../../src/db/schema.ts';
import { AppError } from '../../src/domain/errors.ts';
import { precompiledOkSerializer } from '../../src/http/plugins/precompiled-serializer.ts';
import { userOutput } from '../../src/http/schemas/users.ts';
import { encodeCursor } from '../../src/services/paging.ts';
import { listUserViews } from '../../src/services/users/user-service.ts';
import { useTestApp } from '../helpers/app.ts';
import { createApiToken, createTestCustomer, operatorContext } from '../helpers/factories.ts';

const serializePage = precompiledOkSerializer({
  schema: z.object({ items: z.array(userOutput) }),
  method: 'GET',
  url: '/v1/customers/:customerId/users',
  httpStatus: '200',
});

// Strings JSON must escape (quotes, backslashes, control characters), and ones it must not.
const AWKWARD = `"quoted" \\ back\nline\ttab\r\u0001\u001f\u007f \u2028\u2029 </script> é ß Ω 日本 🏢`;

describe('the user list page written by the database', () => {
  const harness = useTestApp();
  let customerId = '';
  let customerRef = '';
  let syncedCustomerId = '';
  let otherCustomerId = '';
  let locationId = '';

  const expectedPage = async (ref: string, query: Record<string, string | number>) => {
    const { database, partnerId } = harness();
    const { max, ...filter } = query;
    const page = await listUserViews(operatorContext(database.db, partnerId), ref, {
      ...filter,
      limit: Number(max ?? 50),
    });
    return { body: serializePage({ items: [...page.items] }), nextCursor: page.nextCursor };
  };

  const fetchPage = async (ref: string, query: Record<string, string | number>) => {
    const { app, tokens, auth } = harness();
    const search = new URLSearchParams(
      Object.entries(query).map(([key, value]): [string, string] => [key, String(value)]),
    );
    const url = `/v1/customers/${ref}/users${search.size > 0 ? `?${search}` : ''}`;
    const response = await app.inject({ url, headers: auth(tokens.partnerFull) });
    return { url, response };
  };

  /** Compares the answer with the old path's and answers the next page's cursor. */
  const expectSameAsBefore = async (ref: string, query: Record<string, string | number>) => {
    const expected = await expectedPage(ref, query);
    const { url, response } = await fetchPage(ref, query);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.body).toBe(expected.body);
    if (expected.nextCursor === null) {
      expect(response.headers.link).toBeUndefined();
    } else {
      const next = new URL(url, 'http://placeholder');
      next.searchParams.set('cursor', expected.nextCursor);
      expect(response.headers.link).toBe(`<${next.pathname}${next.search}>; rel="next"`);
    }
    return { items: z.object({ items: z.array(userOutput) }).parse(response.json()).items, ...expected };
  };

  beforeAll(async () => {
    const { database, partnerId } = harness();
    const db = database.db;
    const customer = await createTestCustomer(db, partnerId);
    customerId = customer.id;
    customerRef = customer.externalId ?? '';
    const synced = await createTestCustomer(db, partnerId);
    syncedCustomerId = synced.id;
    otherCustomerId = (await createTestCustomer(db, partnerId)).id;
    await db
      .updateTable('customers')
      .set({ directory_sync_enabled: true })
      .where('id', '=', syncedCustomerId)
      .execute();

    const location = await db
      .insertInto('locations')
      .values({
        customer_id: customerId,
        name: 'Zoë’s "office" 🏢',
        country: 'NL',
        time_zone: 'Europe/Amsterdam',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    locationId = location.id;
    await db
      .insertInto('phone_numbers')
      .values({ customer_id: customerId, location_id: locationId, e164: '+31201234500' })
      .execute();

    const base = { customer_id: customerId, errors: JSON.stringify([]) };
    const users: NewUser[] = [
      {
        ...base,
        email: 'Ann.Upper@Example.COM',
        first_name: 'Ann',
        last_name: AWKWARD,
        display_name: AWKWARD,
        title: 'Head of "Sales"',
        department: 'Sales \\ Support',
        manager: 'boss@example.com',
        package: 'webex_voice',
        attendant_console: true,
        basic_messaging: true,
        basic_space_meetings: false,
        calling_from_webex: true,
        jabber_calling: true,
        jabber_webex_teams: false,
        preferred_webex_site: 'acme.webex.com',
        preferred_language: 'nl_NL',
        time_zone: 'Europe/Amsterdam',
        location_id: locationId,
        extension: '1234',
        phone_number: '+31201234500',
        caller_id_number: '+31201234599',
        caller_id_first_name: 'Änn',
        caller_id_last_name: 'Öpper',
        status: 'provisioned',
        created_at: '2026-11-26 12:34:56.789999+00',
        updated_at: '2026-11-26 13:00:00.000001+05:30',
      },
      {
        ...base,
        email: 'zoë.ßtraße@example.com',
        first_name: 'Zoë',
        last_name: '日本',
        package: null,
        status: 'error',
        errors: JSON.stringify([
          { description: `Backend said: ${AWKWARD}`, code: 'licence_missing', internal: 'not for the API' },
          { code: 'second', description: '' },
        ]),
        suspended: true,
        created_at: '1999-12-31 23:59:59+00',
        updated_at: '2000-01-01 00:00:00.5+00',
      },
      {
        ...base,
        email: 'bob@example.com',
        first_name: null,
        last_name: null,
        package: 'webex_meetings',
        status: 'pending_user_migration',
        extension: '0099',
        location_id: locationId,
        jabber_calling: false,
        created_at: '2026-02-28 23:59:59.999+00',
        updated_at: '2026-03-01 00:00:00.001+00',
      },
      ...Array.from({ length: 7 }, (_, n) => ({
        ...base,
        email: `user${n}@example.com`,
        first_name: `User ${n}`,
        last_name: n % 2 === 0 ? 'Even' : 'Odd',
        package: n % 3 === 0 ? 'webex_suite' : null,
        created_at: `2026-11-2${n} 0${n}:00:0${n}.${String(123456 * (n + 1)).slice(0, 6)}+00`,
        updated_at: `2026-11-2${n} 0${n}:00:0${n}.${String(100 * n).padStart(3, '0')}+00`,
      })),
    ];
    await db.insertInto('users').values(users).execute();
    // Directory-sync users: created by the directory, with their SCIM record.
    const synced1 = await db
      .insertInto('users')
      .values({
        customer_id: syncedCustomerId,
        email: 'dir.one@example.com',
        first_name: 'Dir',
        last_name: 'One',
        errors: '[]',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`
      insert into scim_users (user_id, customer_id, user_name, external_id)
      values (${synced1.id}, ${syncedCustomerId}, 'dir.one@example.com', 'ext-1')`.execute(db);
    await db
      .insertInto('users')
      .values({
        customer_id: otherCustomerId,
        email: 'ann.other@example.com',
        first_name: 'Ann',
        errors: '[]',
      })
      .execute();
  });

  it('has the data this test means to compare (every kind of field)', async () => {
    const { items } = await expectSameAsBefore(customerId, {});
    expect(items).toHaveLength(10);
    const ann = items.find((user) => user.firstName === 'Ann');
    expect(ann).toMatchObject({
      lastName: AWKWARD,
      locationName: 'Zoë’s "office" 🏢',
      phoneNumber: '+31201234500',
      jabberCalling: true,
      jabberWithWebexTeams: false,
      createdAt: '2026-11-26T12:34:56.789Z',
      updatedAt: '2026-11-26T07:30:00.000Z',
    });
    const zoe = items.find((user) => user.firstName === 'Zoë');
    expect(zoe?.errors).toEqual([
      { code: 'licence_missing', description: `Backend said: ${AWKWARD}` },
      { code: 'second', description: '' },
    ]);
    expect(zoe?.jabberCalling).toBeNull();
  });

  it.each([
    ['the first page', {}],
    ['a page of one', { max: 1 }],
    ['an email prefix search', { search: 'ann' }],
    ['a search in capitals', { search: 'USER' }],
    ['a non-ASCII name prefix search', { search: 'zoë' }],
    ['a last-name prefix search', { search: 'eve' }],
    ['a search with LIKE wildcards', { search: 'user_%' }],
    ['a search that finds nobody (empty page)', { search: 'nobody' }],
    ['a package filter', { package: 'webex_suite' }],
    ['users without a package', { package: 'none' }],
    ['a status filter', { status: 'error' }],
    ['a location by name', { location: 'zoë’s "office" 🏢' }],
    ['filters together', { package: 'none', status: 'provisioned', search: 'user', max: 2 }],
  ])('writes %s exactly as before', async (_name, query) => {
    await expectSameAsBefore(customerId, query);
  });

  it('writes a location filter by id exactly as before', async () => {
    await expectSameAsBefore(customerId, { location: locationId });
  });

  it.each([
    ['all users', {}],
    ['a search', { search: 'user' }],
    ['a package filter', { package: 'none' }],
  ])('walks every cursor page of %s exactly as before', async (_name, query) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await expectSameAsBefore(customerId, { ...query, max: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((user) => user.email));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 20);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('answers for the customer by its externalId exactly as by its id', async () => {
    expect(customerRef).not.toBe('');
    const byRef = await expectSameAsBefore(customerRef, {});
    const byId = await expectSameAsBefore(customerId, {});
    expect(byRef.body).toBe(byId.body);
  });

  it('lists a directory-synced customer’s users exactly as before', async () => {
    const { items } = await expectSameAsBefore(syncedCustomerId, {});
    expect(items.map((user) => user.email)).toEqual(['dir.one@example.com']);
  });

  it('never shows another customer’s users, and another partner’s customer is not found', async () => {
    const { items } = await expectSameAsBefore(customerId, { search: 'ann' });
    expect(items.map((user) => user.email)).toEqual(['Ann.Upper@Example.COM']);
    const { app, auth, database } = harness();
    const strangerPartner = await database.db
      .insertInto('partners')
      .values({ name: 'Stranger Partner' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const stranger = await createApiToken(database.db, {
      partnerId: strangerPartner.id,
      role: 'partner_full_admin',
    });
    const response = await app.inject({ url: `/v1/customers/${customerId}/users`, headers: auth(stranger) });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('Ann.Upper');
  });

  it('finds the customer in the page query as requireCustomer did, for every role and kind of ref', async () => {
    const { app, auth, database, partnerId, defaultPartnerId } = harness();
    const db = database.db;
    const strangerPartnerId = (
      await db
        .insertInto('partners')
        .values({ name: 'Matrix Stranger' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const stranger = await createTestCustomer(db, strangerPartnerId, { externalId: customerRef });
    // A customer of ours whose externalId is the id of a customer we may not see.
    const lookalike = await createTestCustomer(db, partnerId, { externalId: stranger.id });
    await db
      .insertInto('users')
      .values({ customer_id: lookalike.id, email: 'look@alike.example', errors: '[]' })
      .execute();
    await db
      .insertInto('users')
      .values({ customer_id: stranger.id, email: 'ann.stranger@x.example', errors: '[]' })
      .execute();
    const grants: { partnerId: string; role: Role; customerId: string | null }[] = [
      { partnerId: defaultPartnerId, role: 'operator', customerId: null },
      { partnerId, role: 'operator', customerId: null },
      { partnerId, role: 'partner_full_admin', customerId: null },
      { partnerId, role: 'partner_readonly_admin', customerId: null },
      { partnerId, role: 'customer_full_admin', customerId },
      { partnerId, role: 'customer_readonly_admin', customerId: otherCustomerId },
      { partnerId: strangerPartnerId, role: 'partner_full_admin', customerId: null },
      { partnerId: strangerPartnerId, role: 'customer_full_admin', customerId: stranger.id },
    ];
    const refs = [
      customerId,
      customerRef,
      otherCustomerId,
      stranger.id,
      lookalike.id,
      randomUUID(),
      'NOPE-1',
    ];
    let found = 0;
    for (const grant of grants) {
      const token = await createApiToken(db, grant);
      const context = operatorContext(db, grant.partnerId, { ...grant, type: 'token' });
      for (const ref of refs) {
        const expected = await listUserViews(context, ref, { limit: 50, search: 'a' }).then(
          (page) => ({ status: 200, body: serializePage({ items: [...page.items] }) }),
          (error: unknown) => ({
            status: error instanceof AppError && error.code === 'not_found' ? 404 : 500,
            body: '',
          }),
        );
        const response = await app.inject({
          url: `/v1/customers/${ref}/users?search=a`,
          headers: auth(token),
        });
        expect({ grant, ref, status: response.statusCode }).toEqual({ grant, ref, status: expected.status });
        if (expected.status === 200) {
          found += 1;
          expect(response.body).toBe(expected.body);
        }
      }
    }
    expect(found).toBeGreaterThan(5);
  });

  it('refuses a cursor that is not one, as before', async () => {
    const { response } = await fetchPage(customerId, { cursor: 'not-a-cursor' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toMatchObject({ code: 'invalid_cursor' });
  });

  it('pages past the last user to an empty page', async () => {
    const { database } = harness();
    const last = await sql<{ email: string; id: string }>`
      select email, id from users where customer_id = ${customerId} order by lower(email) desc, id desc limit 1`.execute(
      database.db,
    );
    const row = last.rows[0];
    if (!row) throw new Error('no users');
    const { items } = await expectSameAsBefore(customerId, {
      cursor: encodeCursor({ key: row.email.toLowerCase(), id: row.id }),
    });
    expect(items).toEqual([]);
  });
});
