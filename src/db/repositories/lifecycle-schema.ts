// Kysely's view of the tables of migrations/0003_lifecycle.sql, kept beside their repositories
// (not in the shared schema.ts) and joined to DB with `withTables`.
import type { ColumnType, Generated, Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../schema.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type FreeAccountStatus = 'unverified' | 'active';
export type FreeAccountSource = 'signup' | 'operator';

export interface FreeAccountsTable {
  id: Generated<string>;
  email: string;
  first_name: string | null;
  last_name: string | null;
  source: FreeAccountSource;
  status: ColumnType<FreeAccountStatus, FreeAccountStatus | undefined, FreeAccountStatus>;
  email_verified_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type DomainStatus = 'pending' | 'verified';

export interface CustomerDomainsTable {
  id: Generated<string>;
  customer_id: string;
  domain: string;
  token: string;
  status: ColumnType<DomainStatus, DomainStatus | undefined, DomainStatus>;
  verified_at: Timestamp | null;
  last_checked_at: Timestamp | null;
  created_at: Timestamp;
}

// A type alias (not an interface) so it satisfies withTables' record constraint.
export type LifecycleTables = {
  free_accounts: FreeAccountsTable;
  customer_domains: CustomerDomainsTable;
};

export type LifecycleDB = DB & LifecycleTables;
export type LifecycleExecutor = Kysely<LifecycleDB> | Transaction<LifecycleDB>;
export type FreeAccountRow = Selectable<FreeAccountsTable>;
export type CustomerDomainRow = Selectable<CustomerDomainsTable>;

export function withLifecycleTables(executor: Kysely<DB> | Transaction<DB>): LifecycleExecutor {
  return executor.withTables<LifecycleTables>();
}
