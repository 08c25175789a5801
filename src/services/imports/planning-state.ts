// Builds the planning state of one customer for an import: sold packages, locations, the users
// (with their numbers and extensions) and admins in memory; the number inventory and the emails of
// other customers are looked up per batch, so memory follows the customer's users, not its whole
// inventory, and not the file (planned users are not kept: ADR 0010).
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { CsvRecord } from '../../domain/csv/read-csv.ts';
import type { MappedColumn } from '../../domain/csv/map-header.ts';
import { parsePhoneCell } from '../../domain/csv/parse-cell.ts';
import { isPackageId } from '../../domain/packages/catalog.ts';
import { normalizePhoneNumber } from '../../domain/phone/normalize-phone.ts';
import { InMemoryCustomerState } from '../../domain/users/in-memory-customer-state.ts';
import type { UserState } from '../../domain/users/user-state.ts';
import {
  findEmailsOfOtherCustomers,
  findInventoryNumbers,
  loadImportCustomerFacts,
  streamCustomerUsers,
} from '../../db/repositories/import-users.ts';
import { toUserState } from '../../db/repositories/users.ts';
import type { CustomerRow, DB } from '../../db/schema.ts';

export interface ImportPlanningState {
  readonly state: InMemoryCustomerState;
  /**
   * Looks up what the rows of one batch may ask about: foreign emails, inventory numbers. An
   * import writes neither, so the lookup may run while the batch before is still being written.
   */
  prefetchBatch(batch: readonly CsvRecord[]): Promise<void>;
}

export async function loadPlanningState(
  db: Kysely<DB>,
  customer: CustomerRow,
  columns: readonly MappedColumn[],
): Promise<ImportPlanningState> {
  const facts = await loadImportCustomerFacts(db, customer);
  const users: UserState[] = [];
  for await (const page of streamCustomerUsers(db, customer.id))
    for (const row of page) users.push(toUserState(row));
  let foreign = new Set<string>();
  const state = new InMemoryCustomerState({
    ...facts,
    numbers: [],
    users,
    extensionLength: customer.extension_length,
    defaultPackageTemplate:
      customer.default_package && isPackageId(customer.default_package) ? customer.default_package : null,
    autoAssignBasicLicences: customer.auto_assign_basic_licences,
    directorySync: customer.directory_sync_enabled,
    emailTakenElsewhere: (email) => foreign.has(email),
    retainPlannedUsers: false,
  });
  const emailIndex = columns.find((column) => column.column.key === 'email')?.index ?? -1;
  const phoneIndex = columns.find((column) => column.column.key === 'phoneNumber')?.index ?? -1;
  const countries = [...new Set(facts.locations.map((location) => location.country)), null];
  return {
    state,
    async prefetchBatch(batch) {
      const emails = batch.map((record) => (record.cells[emailIndex] ?? '').trim().toLowerCase());
      const unknown = [...new Set(emails)].filter((email) => email !== '' && state.user(email) === null);
      // Every number a row of this batch can touch: its own cell read with each location country
      // the customer has, and the number its user holds now.
      const candidates = new Set<string>();
      for (const [index, record] of batch.entries()) {
        // A turn for the event loop now and then: see planBatch in batch-pipeline.ts.
        if (index > 0 && index % 100 === 0) await yieldToEventLoop();
        const held = state.user(emails[index] ?? '')?.phoneNumber;
        if (held) candidates.add(held);
        if (phoneIndex < 0) continue;
        const cell = parsePhoneCell(record.cells[phoneIndex] ?? '');
        if (cell.kind === 'blank') continue;
        const international = cell.value.trimStart().startsWith('+');
        for (const country of international ? [null] : countries) {
          const normalized = normalizePhoneNumber(cell.value, country);
          if (normalized.ok) candidates.add(normalized.e164);
        }
      }
      const [emailsOfOtherCustomers, inventory] = await Promise.all([
        findEmailsOfOtherCustomers(db, customer.id, unknown),
        findInventoryNumbers(db, customer.id, [...candidates]),
      ]);
      foreign = emailsOfOtherCustomers;
      state.setBatchNumbers(inventory);
    },
  };
}
