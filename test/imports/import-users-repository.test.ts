// The import's bulk insert audits each created user with an `after` the database builds from the
// inserted row: it must be exactly the UserState the planner made (what every other channel
// audits), or the audit log would describe imported users differently.
import { describe, expect, it } from 'vitest';
import type { ImportAuditSource } from '../../src/db/repositories/import-audit.ts';
import {
  deleteImportedUsers,
  insertImportedUsers,
  updateImportedUsers,
} from '../../src/db/repositories/import-users.ts';
import { emptyUser, type UserState } from '../../src/domain/users/user-state.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { createGeneratedCustomer } from './import-setup.ts';

const database = useTestDatabase();

/** A customer with one location, and the audit source of an import by its partner admin. */
async function customerWithOneLocation(
  externalId: string,
  prefixBase: number,
  requestId: string | null = null,
) {
  const customer = await createGeneratedCustomer(database(), {
    externalId,
    locationCount: 1,
    numbersPerLocation: 100,
    prefixBase,
  });
  const location = await database()
    .db.selectFrom('locations')
    .select('id')
    .where('customer_id', '=', customer.customerId)
    .executeTakeFirstOrThrow();
  const source: ImportAuditSource = {
    partner_id: customer.partnerId,
    customer_id: customer.customerId,
    actor_type: 'admin',
    actor_id: null,
    actor_label: `importer@${externalId.toLowerCase()}.example`,
    request_id: requestId,
    job_id: null,
  };
  return { customer, location, source, prefix: customer.locations[0]?.numberPrefix ?? '' };
}

describe('insertImportedUsers', () => {
  it('audits each created user with the planned state, field for field', async () => {
    const { customer, location, source, prefix } = await customerWithOneLocation('AUDIT', 40, 'req-1');
    const { db } = database();
    const calling: UserState = {
      ...emptyUser('anna@audit.example'),
      firstName: 'Anna',
      lastName: 'O\'Brien "AB" \\ 😀',
      displayName: 'Anna OB',
      title: 'Chef',
      department: 'Keuken',
      manager: 'boss@audit.example',
      callerIdFirstName: 'A',
      callerIdLastName: 'OB',
      preferredLanguage: 'nl_NL',
      timeZone: 'Europe/Amsterdam',
      preferredWebexSite: 'audit.webex.com',
      extension: '1234567',
      phoneNumber: `${prefix}00001`,
      callerIdNumber: `${prefix}00001`,
      locationId: location.id,
      jabberWithTeams: true,
      jabberCalling: false,
      packageId: 'webex_calling',
      addOns: { attendant_console: true },
      basicLicences: { basic_messaging: true, basic_space_meetings: false, calling_from_webex: true },
    };
    const bare = emptyUser('bare@audit.example');

    const inserted = await insertImportedUsers(db, customer.customerId, [calling, bare], source);

    const audits = await db
      .selectFrom('audit_events')
      .select(['action', 'target_id', 'before', 'after', 'actor_label', 'request_id', 'customer_id'])
      .where('customer_id', '=', customer.customerId)
      .orderBy('id')
      .execute();
    expect(audits).toEqual(
      [calling, bare].map((user) => ({
        action: 'user.create',
        target_id: inserted.find((row) => row.email === user.email)?.id,
        before: null,
        after: JSON.parse(JSON.stringify(user)) as unknown,
        actor_label: 'importer@audit.example',
        request_id: 'req-1',
        customer_id: customer.customerId,
      })),
    );
  });

  it('updates a batch set-based, also when one user takes the extension another hands on', async () => {
    const { customer, source } = await customerWithOneLocation('HANDOVER', 50);
    const { db } = database();
    const anna = {
      ...emptyUser('anna@handover.example'),
      packageId: 'webex_suite' as const,
      extension: '1000001',
    };
    const bert = {
      ...emptyUser('bert@handover.example'),
      packageId: 'webex_suite' as const,
      extension: '1000003',
    };
    const inserted = await insertImportedUsers(db, customer.customerId, [bert, anna], source);

    // Bert takes the extension Anna hands on. Bert comes first both in the batch and in the
    // table, so a one-step update would write him while Anna still holds it.
    const ids = await updateImportedUsers(db, customer.customerId, [
      { before: bert, after: { ...bert, extension: '1000001', title: 'Bakker' }, version: 1 },
      { before: anna, after: { ...anna, extension: '1000002' }, version: 1 },
    ]);

    expect(Object.fromEntries(ids)).toEqual(Object.fromEntries(inserted.map((row) => [row.email, row.id])));
    const stored = await db
      .selectFrom('users')
      .select(['email', 'extension', 'title', 'version'])
      .where('customer_id', '=', customer.customerId)
      .orderBy('email')
      .execute();
    expect(stored).toEqual([
      { email: 'anna@handover.example', extension: '1000002', title: null, version: 2 },
      { email: 'bert@handover.example', extension: '1000001', title: 'Bakker', version: 2 },
    ]);
  });

  it('hands extensions and numbers on inside one batch whatever order the database updates in', async () => {
    const { customer, location, source, prefix } = await customerWithOneLocation('CHAINS', 60);
    const { db } = database();
    const number = (index: number) => `${prefix}${String(index).padStart(5, '0')}`;
    // Pair i: the giver moves to a new extension and number, the taker takes the giver's old
    // ones. Pairs alternate which of the two is stored first and which comes first in the batch,
    // so that in any order the database picks, some taker is written before its giver.
    const pairs = Array.from({ length: 20 }, (_, index) => {
      const user = (role: string, slot: number): UserState => ({
        ...emptyUser(`${role}${index}@chains.example`),
        packageId: 'webex_calling',
        locationId: location.id,
        extension: String(2000000 + index * 3 + slot),
        phoneNumber: number(index * 3 + slot),
      });
      const giver = user('giver', 0);
      const taker = user('taker', 1);
      return {
        index,
        giver,
        taker,
        giverAfter: {
          ...giver,
          extension: String(2000000 + index * 3 + 2),
          phoneNumber: number(index * 3 + 2),
        },
        takerAfter: { ...taker, extension: giver.extension, phoneNumber: giver.phoneNumber },
      };
    });
    await insertImportedUsers(
      db,
      customer.customerId,
      pairs.flatMap(({ index, giver, taker }) => (index % 2 === 0 ? [giver, taker] : [taker, giver])),
      source,
    );
    await updateImportedUsers(
      db,
      customer.customerId,
      pairs.flatMap(({ index, giver, taker, giverAfter, takerAfter }) => {
        const changes = [
          { before: giver, after: giverAfter, version: 1 },
          { before: taker, after: takerAfter, version: 1 },
        ];
        return index % 4 < 2 ? changes : changes.reverse();
      }),
    );
    const stored = await db
      .selectFrom('users')
      .select(['email', 'extension', 'phone_number'])
      .where('customer_id', '=', customer.customerId)
      .execute();
    const byEmail = new Map(stored.map((row) => [row.email, row]));
    for (const { giverAfter, takerAfter } of pairs)
      for (const user of [giverAfter, takerAfter])
        expect(byEmail.get(user.email)).toEqual({
          email: user.email,
          extension: user.extension,
          phone_number: user.phoneNumber,
        });
  });

  it('writes and deletes only users still at the version their change was planned on (ADR 0086)', async () => {
    const { customer, source } = await customerWithOneLocation('GUARDED', 70);
    const { db } = database();
    const users = ['kept', 'changed', 'removed', 'touched'].map((name, index) => ({
      ...emptyUser(`${name}@guarded.example`),
      packageId: 'webex_suite' as const,
      extension: `300000${index}`,
    }));
    const [kept, changed, removed, touched] = users;
    if (!kept || !changed || !removed || !touched) throw new Error('four users');
    await insertImportedUsers(db, customer.customerId, users, source);
    // Another writer changes two of them after the batch was planned on version 1.
    await db
      .updateTable('users')
      .set({ department: 'Elsewhere', version: 2 })
      .where('email', 'in', [changed.email, touched.email])
      .execute();

    const updated = await updateImportedUsers(db, customer.customerId, [
      { before: kept, after: { ...kept, title: 'Import' }, version: 1 },
      { before: changed, after: { ...changed, title: 'Import', extension: '3000009' }, version: 1 },
    ]);
    const deleted = await deleteImportedUsers(db, customer.customerId, [
      { email: removed.email, version: 1 },
      { email: touched.email, version: 1 },
    ]);

    expect([...updated.keys()]).toEqual([kept.email]);
    expect(deleted.map((row) => row.email)).toEqual([removed.email]);
    const stored = await db
      .selectFrom('users')
      .select(['email', 'title', 'department', 'extension', 'version'])
      .where('customer_id', '=', customer.customerId)
      .orderBy('email')
      .execute();
    expect(stored).toEqual([
      {
        email: changed.email,
        title: null,
        department: 'Elsewhere',
        extension: changed.extension,
        version: 2,
      },
      { email: kept.email, title: 'Import', department: null, extension: kept.extension, version: 2 },
      {
        email: touched.email,
        title: null,
        department: 'Elsewhere',
        extension: touched.extension,
        version: 2,
      },
    ]);
  });
});
