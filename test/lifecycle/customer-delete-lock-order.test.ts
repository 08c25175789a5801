// A customer's deletion against its user writes (ADR 0073). The deletion locks the customer row
// before its users, the order of every user write, so a write that holds the usage lock and then
// locks a user finishes instead of meeting the deletion in a deadlock. And a user write whose
// customer started its deletion after the write's pre-check is refused under the usage lock with
// the busy 409, storing nothing. A second connection holds the locks; waits are observed in
// pg_stat_activity, never timed. PostgreSQL only: PGlite runs one connection.
import { sql, type Transaction } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import type { DB } from '../../src/db/schema.ts';
import { runCustomerDeletion } from '../../src/services/provisioning/customer-provisioning.ts';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';
import { lockWaiters } from '../helpers/lock-waiters.ts';

const harness = useTestApp();
let counter = 0;

async function api(method: 'POST' | 'PUT', url: string, payload: object) {
  const { app, tokens, auth } = harness();
  return app.inject({ method, url, headers: auth(tokens.partnerFull), payload });
}

/** A provisioned customer with one user (webex_voice). */
async function customerWithUser(email: string): Promise<{ customerId: string; userId: string }> {
  const { database, partnerId } = harness();
  const customer = await createTestCustomer(database.db, partnerId, { provision: true });
  const created = await api('POST', `/v1/customers/${customer.id}/users`, {
    email,
    package: 'webex_voice',
  });
  expect(created.statusCode, created.body).toBe(201);
  return { customerId: customer.id, userId: (created.json() as { id: string }).id };
}

/**
 * A second connection: runs `first` in a transaction, then waits until released, runs `then` and
 * commits. Answers once `first` has run.
 */
async function holdOpen(
  database: Database,
  first: (trx: Transaction<DB>) => Promise<unknown>,
  then: (trx: Transaction<DB>) => Promise<unknown> = async () => undefined,
) {
  let release = (): void => undefined;
  let held = (): void => undefined;
  const holding = new Promise<void>((resolve) => (held = resolve));
  const done = database.db.transaction().execute(async (trx) => {
    await first(trx);
    held();
    await new Promise<void>((resolve) => (release = resolve));
    await then(trx);
  });
  // Surfaces a failure of `first` instead of waiting for `holding` forever.
  await Promise.race([holding, done]);
  return { release: () => release(), done };
}

describe.runIf(inject('testDatabase').kind === 'postgres')('customer deletion and user writes', () => {
  it('locks the customer before its users: a write holding the usage lock finishes, then the deletion', async () => {
    const { database } = harness();
    const { customerId, userId } = await customerWithUser('stays@delete-order.example');
    await database.db
      .updateTable('customers')
      .set({ status: 'deleting' })
      .where('id', '=', customerId)
      .execute();

    // A user write's locks in ADR 0073's order: the usage lock now, its user row once released.
    const writer = await holdOpen(
      database,
      (trx) => sql`select id from customers where id = ${customerId} for no key update`.execute(trx),
      (trx) => sql`update users set display_name = 'Written' where id = ${userId}`.execute(trx),
    );
    const deletion = runCustomerDeletion(database.db, customerId);
    await lockWaiters(database, 1); // the deletion waits for the customer row
    writer.release();
    // Users first, the deletion would hold this user while waiting for the customer row: PostgreSQL
    // would abort one of the two (40P01).
    const [written, deleted] = await Promise.allSettled([writer.done, deletion]);
    expect(written).toEqual({ status: 'fulfilled', value: undefined });
    expect(deleted).toEqual({ status: 'fulfilled', value: undefined });

    const customer = await database.db
      .selectFrom('customers')
      .select('id')
      .where('id', '=', customerId)
      .executeTakeFirst();
    expect(customer).toBeUndefined();
    const users = await database.db
      .selectFrom('users')
      .select('id')
      .where('customer_id', '=', customerId)
      .execute();
    expect(users).toEqual([]);
  });

  it.each([
    {
      door: 'add user',
      write: (customerId: string) =>
        api('POST', `/v1/customers/${customerId}/users`, {
          email: 'late@delete-order.example',
          package: 'webex_meetings',
        }),
    },
    {
      door: 'package change',
      write: (customerId: string, userId: string) =>
        api('PUT', `/v1/customers/${customerId}/users/${userId}/package`, { package: 'webex_meetings' }),
    },
  ])(
    '$door: a customer that turned deleting after the pre-check refuses the write with 409 customer_busy',
    async ({ write }) => {
      const { database } = harness();
      const { customerId, userId } = await customerWithUser(`user${(counter += 1)}@delete-order.example`);

      // The deletion's status change, not yet committed: the write's pre-check still reads `provisioned`.
      const deleting = await holdOpen(database, (trx) =>
        sql`update customers set status = 'deleting' where id = ${customerId}`.execute(trx),
      );
      const response = write(customerId, userId);
      await lockWaiters(database, 1); // the write waits for the usage lock
      deleting.release();
      await deleting.done;

      const answered = await response;
      expect(answered.statusCode, answered.body).toBe(409);
      expect((answered.json() as { errors: { code: string }[] }).errors.map((error) => error.code)).toEqual([
        'customer_busy',
      ]);
      const users = await database.db
        .selectFrom('users')
        .select(['email', 'package'])
        .where('customer_id', '=', customerId)
        .execute();
      expect(users).toHaveLength(1);
      expect(users[0]?.package).toBe('webex_voice');
    },
  );
});
