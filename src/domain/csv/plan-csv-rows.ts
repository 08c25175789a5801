// Drives CSV records through the user-change planner, row after row, against a state that sees
// the effect of earlier rows. Detects a repeated email in the file (error on the later row).
// Streaming: holds only the set of emails seen, never the rows.
import type { ImportBehaviour } from '../users/desired-change.ts';
import { normalizeEmail } from '../users/is-valid-email.ts';
import type { RowError, RowWarning } from '../users/plan-issues.ts';
import { planUserChange, type PlanAction, type UserPlan } from '../users/plan-user-change.ts';
import type { PlanningContext } from '../users/planning-context.ts';
import type { UserState } from '../users/user-state.ts';
import type { MappedColumn } from './map-header.ts';
import type { CsvRecord } from './read-csv.ts';
import { rowToChange } from './row-to-change.ts';

/** The planner's context plus what the CSV driver needs: look a user up, make a plan visible. */
export interface PlanningState extends PlanningContext {
  user(email: string): UserState | null;
  apply(plan: UserPlan): void;
}

export interface CsvRowPlan {
  readonly rowNumber: number;
  readonly line: number;
  readonly email: string;
  readonly action: PlanAction;
  readonly plan: UserPlan;
  readonly errors: readonly RowError[];
  readonly warnings: readonly RowWarning[];
  readonly cells: readonly string[];
}

export class CsvRowPlanner {
  readonly #firstRowOfEmail = new Map<string, number>();

  constructor(
    private readonly columns: readonly MappedColumn[],
    private readonly behaviour: ImportBehaviour,
    private readonly state: PlanningState,
  ) {}

  /**
   * A row applied by an earlier (interrupted) run of the same import: not planned again, only
   * remembered so a later row repeating its email is still reported as a duplicate.
   */
  rememberRecord(record: CsvRecord): void {
    const { change } = rowToChange(this.columns, record.cells);
    const email = normalizeEmail(change.email);
    if (email !== '' && !this.#firstRowOfEmail.has(email)) this.#firstRowOfEmail.set(email, record.rowNumber);
  }

  planRecord(record: CsvRecord): CsvRowPlan {
    const { change, cellErrors } = rowToChange(this.columns, record.cells);
    const email = normalizeEmail(change.email);
    const duplicateErrors: RowError[] = [];
    if (email !== '') {
      const firstRow = this.#firstRowOfEmail.get(email);
      if (firstRow === undefined) this.#firstRowOfEmail.set(email, record.rowNumber);
      else
        duplicateErrors.push({ code: 'duplicate_email_in_file', column: 'email', params: { row: firstRow } });
    }
    const current = email === '' ? null : this.state.user(email);
    const plan = planUserChange({
      current,
      change,
      behaviour: this.behaviour,
      channel: 'csv',
      context: this.state,
    });
    const errors = [...duplicateErrors, ...cellErrors, ...plan.errors];
    const action: PlanAction = errors.length > 0 ? 'error' : plan.action;
    if (action !== 'error') this.state.apply(plan);
    return {
      rowNumber: record.rowNumber,
      line: record.line,
      email,
      action,
      plan,
      errors,
      // With unreadable cells the plan saw only part of the row: its warnings may be artefacts.
      warnings: cellErrors.length > 0 ? [] : plan.warnings,
      cells: record.cells,
    };
  }
}
