// Builds the planning state of one customer for an import (ADR 0013): the customer's facts and
// usage counts once, then per batch the stored users, numbers and extensions its rows ask about.
// Neither the file nor the customer's users are held in memory: only one batch's lookups, the
// import's own changes to numbers and extensions (BatchedCustomerState) and the emails the file
// repeats (RepeatedEmails, ADR 0015).
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { MappedColumn } from '../../domain/csv/map-header.ts';
import { CellsRecord, type CsvRecord } from '../../domain/csv/csv-record.ts';
import { CsvRowPlanner, type CsvRowPlan, type SeenEmails } from '../../domain/csv/plan-csv-rows.ts';
import {
  lookupColumns,
  readEmailCell,
  readExtensionCell,
  readPhoneCell,
} from '../../domain/csv/row-to-change.ts';
import { EmailProbeGate } from '../../domain/csv/email-probe-gate.ts';
import type { RepeatedEmails } from '../../domain/csv/repeated-emails.ts';
import { isPackageId } from '../../domain/packages/catalog.ts';
import { hasE164Shape, normalizePhoneNumber, rememberValidE164 } from '../../domain/phone/normalize-phone.ts';
import { BatchedCustomerState, type BatchFacts } from '../../domain/users/batched-customer-state.ts';
import type { ImportBehaviour } from '../../domain/users/desired-change.ts';
import { countPackageUsage } from '../../db/repositories/customers.ts';
import {
  findBatchNumbers,
  findBatchUsers,
  findExtensionHolders,
} from '../../db/repositories/import-lookups.ts';
import { loadImportCustomerFacts } from '../../db/repositories/import-users.ts';
import { toUserState } from '../../db/repositories/users.ts';
import type { CustomerRow, DB } from '../../db/schema.ts';
import type { Executor } from '../context.ts';
import { planRows, ROWS_PER_TURN } from './batch-pipeline.ts';

/** A batch's records, with what the database holds of the keys its rows name. */
export interface PreparedBatch {
  readonly records: readonly CsvRecord[];
  readonly facts: BatchFacts;
  /**
   * The emails of other organizations the batch's rows name, in row order, one per row (a
   * repeated row is checked again): the probes planning it would report, to reserve before
   * (ADR 0077). None while directory sync is on: those rows are refused before any check.
   */
  readonly probeCandidates: readonly string[];
  /**
   * The stored users the batch was looked up with, by lower-case email: the version each row is
   * planned on. The batch's transaction checks it under lock before writing (ADR 0086).
   */
  readonly plannedOn: ReadonlyMap<string, PlannedOnUser>;
}

/** A stored user as a batch's lookup read it. */
export interface PlannedOnUser {
  readonly id: string;
  readonly version: number;
}

export interface ImportPlanning {
  readonly planner: CsvRowPlanner;
  /**
   * Looks up what a batch's rows may ask about. Changes nothing, so it may run while earlier
   * batches are still being planned or written: the planning state's own record of the import's
   * changes wins over what the lookups saw (ADR 0013). It reads only the key cells: a row is
   * read into a change when it is planned, so that change dies young (ADR 0017).
   */
  prepareBatch(batch: readonly CsvRecord[]): Promise<PreparedBatch>;
  /**
   * Plans a prepared batch's rows in order, after every row of the batches before it, and answers
   * what `keep` makes of each plan.
   */
  planBatch<T>(prepared: PreparedBatch, keep: (row: CsvRowPlan) => T): Promise<T[]>;
  /**
   * A planned batch with the rows `again` (row numbers) planned once more, against the users,
   * numbers, extensions and usage `executor` reads now (the batch's transaction, under its locks),
   * after the effects of the batch's rows before each of them (ADR 0086). The other rows are kept
   * as they are. The import's own planning state is not touched: the batches after this one were
   * planned already.
   */
  replanRows(
    executor: Executor,
    planned: readonly CsvRowPlan[],
    again: ReadonlySet<number>,
  ): Promise<Replanned>;
}

export interface Replanned {
  readonly planned: readonly CsvRowPlan[];
  /** The stored users the rows planned again were planned on. */
  readonly plannedOn: ReadonlyMap<string, PlannedOnUser>;
}

/**
 * The duplicate-email rule for rows planned again: those rows were planned as a user's change
 * once already, so they are no row's repeat, and what they read must not count as seen again.
 */
const NOT_REPEATED: SeenEmails = { firstRowOf: () => undefined };

export async function loadImportPlanning(
  db: Kysely<DB>,
  customer: CustomerRow,
  columns: readonly MappedColumn[],
  behaviour: ImportBehaviour,
  repeatedEmails: RepeatedEmails,
  probeGate: EmailProbeGate | null = null,
): Promise<ImportPlanning> {
  const [facts, usage] = await Promise.all([
    loadImportCustomerFacts(db, customer),
    countPackageUsage(db, customer.id),
  ]);
  const stateWith = (counted: ReadonlyMap<string, number>): BatchedCustomerState =>
    new BatchedCustomerState({
      ...facts,
      usage: counted,
      repeatedEmailOfRow: (row) => repeatedEmails.emailOfFirstRow(row),
      extensionLength: customer.extension_length,
      customerCountry: customer.country,
      defaultPackageTemplate:
        customer.default_package && isPackageId(customer.default_package) ? customer.default_package : null,
      defaultPreferredWebexSite: customer.default_preferred_webex_site,
      autoAssignBasicLicences: customer.auto_assign_basic_licences,
      directorySync: customer.directory_sync_enabled,
    });
  const state = stateWith(usage);
  const planner = new CsvRowPlanner(columns, behaviour, state, repeatedEmails, probeGate);
  const keys = lookupColumns(columns);
  const countries = [...new Set(facts.locations.map((location) => location.country)), null];

  /** Every number a row can touch: its cell read with each country the customer has. */
  const addCandidateNumbers = (raw: string | undefined, into: Set<string>): void => {
    if (raw === undefined) return;
    // Written as E.164 already: look it up as it is. If it is in the inventory, planBatch tells
    // the phone reader it is valid; if not, the planner reads it (and reports it) as before.
    if (hasE164Shape(raw)) {
      into.add(raw);
      return;
    }
    const international = raw.trimStart().startsWith('+');
    for (const country of international ? [null] : countries) {
      const normalized = normalizePhoneNumber(raw, country);
      if (normalized.ok) into.add(normalized.e164);
    }
  };

  /** What `records` ask about, as `executor` reads it now. */
  const lookUp = async (executor: Executor, records: readonly CsvRecord[]): Promise<PreparedBatch> => {
    const emails = new Set<string>();
    const rowEmails: string[] = [];
    const numbers = new Set<string>();
    const extensions = new Set<string>();
    for (const [index, record] of records.entries()) {
      // Numbers not written as E.164 are read with each of the customer's countries: give HTTP
      // requests and the previous batch's write a turn now and then.
      if (index > 0 && index % ROWS_PER_TURN === 0) await yieldToEventLoop();
      const email = readEmailCell(record.cell(keys.email));
      if (email !== '') {
        emails.add(email);
        rowEmails.push(email);
      }
      addCandidateNumbers(readPhoneCell(record.cell(keys.phoneNumber)), numbers);
      const extension = readExtensionCell(record.cell(keys.extension));
      if (extension !== undefined) extensions.add(extension);
    }
    const users = await findBatchUsers(executor, customer.id, [...emails]);
    // The numbers the batch's users hold now: a row may move its user to another location.
    for (const row of users.own) if (row.phone_number) numbers.add(row.phone_number);
    const [numberEntries, extensionHolders] = await Promise.all([
      findBatchNumbers(executor, customer.id, [...numbers]),
      findExtensionHolders(executor, customer.id, [...extensions]),
    ]);
    const facts: BatchFacts = {
      users: new Map(users.own.map((row) => [row.email.toLowerCase(), toUserState(row)])),
      foreignEmails: users.foreign,
      numbers: numberEntries,
      extensionHolders,
    };
    const probeCandidates =
      users.foreign.size === 0 || customer.directory_sync_enabled
        ? []
        : rowEmails.filter((email) => users.foreign.has(email));
    const plannedOn = new Map(
      users.own.map((row) => [row.email.toLowerCase(), { id: row.id, version: row.version }]),
    );
    return { records, facts, probeCandidates, plannedOn };
  };

  return {
    planner,
    prepareBatch: (records) => lookUp(db, records),
    planBatch({ records, facts }, keep) {
      state.loadBatch(facts);
      rememberValidE164(facts.numbers.keys());
      return planRows(planner, records, keep);
    },
    async replanRows(executor, planned, again) {
      const records = planned
        .filter((row) => again.has(row.rowNumber))
        .map((row) => new CellsRecord(row.rowNumber, row.line, row.cells));
      if (records.length === 0) return { planned, plannedOn: new Map() };
      const [looked, counted] = await Promise.all([
        lookUp(executor, records),
        countPackageUsage(executor, customer.id),
      ]);
      const current = stateWith(counted);
      current.loadBatch(looked.facts);
      rememberValidE164(looked.facts.numbers.keys());
      // No probe was reserved for these rows: a user deleted meanwhile whose email another
      // organization took since is "not checked" (ADR 0077), not reported taken.
      const gate = probeGate ? new EmailProbeGate(0, probeGate.limitPerMinute) : null;
      const replanner = new CsvRowPlanner(columns, behaviour, current, NOT_REPEATED, gate);
      const byRow = new Map(records.map((record) => [record.rowNumber, record]));
      const replanned = planned.map((row) => {
        const record = byRow.get(row.rowNumber);
        if (record) return replanner.planRecord(record);
        // A row kept as planned: the rows after it see what it does, as in the first planning.
        if (row.action !== 'error') current.apply(row.plan, row.rowNumber);
        return row;
      });
      return { planned: replanned, plannedOn: looked.plannedOn };
    },
  };
}
