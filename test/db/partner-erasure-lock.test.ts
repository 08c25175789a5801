// A partner's erasure (SPEC §1) locks its partner row for the whole erasure (requirePartner inside
// its transaction), which now also reads uploaded files. The lock is `for no key update`, as the
// operator's erasure takes it: the foreign-key checks of inserts of the partner's rows (customers,
// API tokens) do not wait for it, while a second erasure of the same partner still does.
// Waits are read from pg_stat_activity, never timed. Real parallel connections: PostgreSQL only.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { requirePartner } from '../../src/services/partners/partner-service.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { createApiToken, createPartner, operatorContext } from '../helpers/factories.ts';
import { holdLockInTransaction, lockWaiters, waitsForALock } from '../helpers/lock-waiters.ts';

describe.runIf(inject('testDatabase').kind === 'postgres')("the lock of a partner's erasure", () => {
  const database = useTestDatabase();
  let partnerId = '';

  beforeAll(async () => {
    partnerId = await createPartner(database().db);
  });

  it.each([
    [
      'a customer',
      async (db: Database['db']) => {
        const suffix = randomUUID().slice(0, 8);
        await db
          .insertInto('customers')
          .values({
            partner_id: partnerId,
            name: `During erasure ${suffix}`,
            external_id: `ERASE-${suffix}`,
            admin_email: `admin-${suffix}@during-erasure.example`,
            country: 'NL',
          })
          .execute();
      },
    ],
    [
      'an API token',
      async (db: Database['db']) => {
        await createApiToken(db, { partnerId, role: 'partner_full_admin' });
      },
    ],
  ])('lets %s of the partner be inserted meanwhile', async (_row, insert) => {
    const lock = await holdLockInTransaction(database(), (trx) =>
      requirePartner(operatorContext(database().db, partnerId), partnerId, trx),
    );
    const inserting = insert(database().db);
    let waited: boolean;
    try {
      waited = await waitsForALock(database(), inserting);
    } finally {
      await lock.release();
    }
    await inserting;
    expect(waited).toBe(false);
  });

  it('makes a second erasure of the same partner wait for the first', async () => {
    const first = await holdLockInTransaction(database(), (trx) =>
      requirePartner(operatorContext(database().db, partnerId), partnerId, trx),
    );
    let secondLocked = false;
    const second = database()
      .db.transaction()
      .execute(async (trx) => {
        await requirePartner(operatorContext(database().db, partnerId), partnerId, trx);
        secondLocked = true;
      });
    try {
      await lockWaiters(database(), 1);
      expect(secondLocked).toBe(false);
    } finally {
      await first.release();
    }
    await second;
    expect(secondLocked).toBe(true);
  });
});
