// A batch is looked up and planned before its transaction starts (ADR 0012/0013), so another
// channel (an admin PATCH, SCIM, a package change, a deletion) can change one of its users in
// between. Writing the planned state then would silently undo that change. The batch's writes
// are guarded by the planned-on versions (write-batch.ts); when a guard misses, the batch runs
// again with this step first: the users it modifies or removes are locked and their versions
// compared with the versions they were planned on, and the rows of users that changed are
// planned again on what is stored now (ADR 0086).
import type { CsvRowPlan } from '../../domain/csv/plan-csv-rows.ts';
import { lockUserVersions } from '../../db/repositories/import-lookups.ts';
import type { Executor } from '../context.ts';
import type { ImportPlanning, PlannedOnUser, Replanned } from './planning-state.ts';

/** The rows that write to a stored user: what they were planned on must still be there. */
function writesStoredUser(row: CsvRowPlan): boolean {
  return (row.action === 'modify' || row.action === 'remove') && row.plan.before !== null;
}

/**
 * Rounds of "lock, compare, plan again" before a batch gives up. A second round is needed only
 * when a row planned again names a user that was not locked yet (its email moved to another user
 * meanwhile); the users of every round stay locked, so the rounds converge at once in practice.
 */
const MAX_ROUNDS = 3;

export class BatchUsersKeepChanging extends Error {
  constructor() {
    super('the users of an import batch kept changing while it was planned again');
    this.name = 'BatchUsersKeepChanging';
  }
}

/**
 * The batch's rows as they are to be written, with the versions they are planned on: as planned
 * when none of the users they modify or remove changed since the lookup, otherwise with those
 * rows planned again. Their users stay locked until the batch commits, so what the rows were
 * (re)planned on is what they overwrite. Call inside the batch's transaction, after the
 * customer's usage lock (ADR 0073's lock order: usage, then users).
 */
export async function planOnCurrentUsers(
  trx: Executor,
  customerId: string,
  planning: Pick<ImportPlanning, 'replanRows'>,
  planned: readonly CsvRowPlan[],
  plannedOn: ReadonlyMap<string, PlannedOnUser>,
): Promise<Replanned> {
  let rows = planned;
  let readAs = plannedOn;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const checked = rows.filter(writesStoredUser);
    if (checked.length === 0) return { planned: rows, plannedOn: readAs };
    const ids = checked.flatMap((row) => {
      const user = readAs.get(row.email);
      return user ? [user.id] : [];
    });
    const versions = await lockUserVersions(trx, customerId, ids);
    const changed = new Set(
      checked
        .filter((row) => {
          const user = readAs.get(row.email);
          return !user || versions.get(user.id) !== user.version;
        })
        .map((row) => row.rowNumber),
    );
    if (changed.size === 0) return { planned: rows, plannedOn: readAs };
    const replanned = await planning.replanRows(trx, rows, changed);
    rows = replanned.planned;
    readAs = new Map([...readAs, ...replanned.plannedOn]);
  }
  throw new BatchUsersKeepChanging();
}
