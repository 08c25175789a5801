// Builds the in-memory planning state of one customer from the database: sold packages, locations,
// numbers, users and admins, plus a per-batch set of emails that belong to other customers.
import type { Kysely } from 'kysely';
import { InMemoryCustomerState } from '../../domain/users/in-memory-customer-state.ts';
import type { UserState } from '../../domain/users/user-state.ts';
import { isPackageId } from '../../domain/packages/catalog.ts';
import {
  findEmailsOfOtherCustomers,
  loadImportCustomerFacts,
  streamCustomerUsers,
  userRowToState,
} from '../../db/repositories/import-users.ts';
import type { CustomerRow, DB } from '../../db/schema.ts';

export interface ImportPlanningState {
  readonly state: InMemoryCustomerState;
  /** Looks up, for a batch of rows, which unknown emails belong to another customer. */
  prefetchForeignEmails(emails: readonly string[]): Promise<void>;
}

export async function loadPlanningState(db: Kysely<DB>, customer: CustomerRow): Promise<ImportPlanningState> {
  const facts = await loadImportCustomerFacts(db, customer);
  const users: UserState[] = [];
  for await (const page of streamCustomerUsers(db, customer.id))
    for (const row of page) users.push(userRowToState(row));
  let foreign = new Set<string>();
  const state = new InMemoryCustomerState({
    ...facts,
    users,
    extensionLength: customer.extension_length,
    defaultPackageTemplate:
      customer.default_package && isPackageId(customer.default_package) ? customer.default_package : null,
    autoAssignBasicLicences: customer.auto_assign_basic_licences,
    directorySync: customer.directory_sync_enabled,
    emailTakenElsewhere: (email) => foreign.has(email),
  });
  return {
    state,
    async prefetchForeignEmails(emails) {
      const unknown = [...new Set(emails)].filter((email) => email !== '' && state.user(email) === null);
      foreign = await findEmailsOfOtherCustomers(db, customer.id, unknown);
    },
  };
}
