// The data of a query-plan test: two customers of one partner, each with the rows `fill` writes, the
// tables analyzed. The plan of the first customer's page then has another customer's rows beside
// its own to pass by, as in production.
import { sql, type Kysely } from 'kysely';
import { beforeAll } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import type { DB } from '../../src/db/schema.ts';
import { useTestDatabase } from './database.ts';
import { createPartner, createTestCustomer } from './factories.ts';

export interface PlanCustomers {
  readonly database: () => Database;
  /** The customer whose pages the test plans. */
  readonly customerId: () => string;
}

export function usePlanCustomers(
  fill: (db: Kysely<DB>, owner: { partnerId: string; customerId: string }) => Promise<void>,
  tables: readonly string[],
): PlanCustomers {
  const database = useTestDatabase();
  let customerId = '';

  beforeAll(async () => {
    const { db } = database();
    const partnerId = await createPartner(db);
    customerId = (await createTestCustomer(db, partnerId)).id;
    const other = (await createTestCustomer(db, partnerId)).id;
    for (const owner of [customerId, other]) await fill(db, { partnerId, customerId: owner });
    for (const table of tables) await sql`analyze ${sql.table(table)}`.execute(db);
  });

  return { database, customerId: () => customerId };
}
