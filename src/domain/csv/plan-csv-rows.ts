// Drives CSV records through the user-change planner, row after row, against a state that sees
// the effect of earlier rows. Detects a repeated email in the file (error on the later row).
// Streaming: holds only the emails seen (in a SeenEmails store), never the rows.
import type { ImportBehaviour } from '../users/desired-change.ts';
import { isValidEmail, normalizeEmail } from '../users/is-valid-email.ts';
import type { RowError, RowWarning } from '../users/plan-issues.ts';
import { planUserChange, type PlanAction, type UserPlan } from '../users/plan-user-change.ts';
import type { PlanningContext } from '../users/planning-context.ts';
import type { UserState } from '../users/user-state.ts';
import type { EmailProbeGate } from './email-probe-gate.ts';
import type { MappedColumn } from './map-header.ts';
import type { CsvRecord } from './read-csv.ts';
import { emailColumnIndex, readEmailCell, rowToChange, type RowChange } from './row-to-change.ts';

/** The planner's context plus what the CSV driver needs: look a user up, make a plan visible. */
export interface PlanningState extends PlanningContext {
  user(email: string): UserState | null;
  /** `row`: the file's row the plan is for (a claim remembers its row, ADR 0015). */
  apply(plan: UserPlan, row: number): void;
}

/** The emails of a file's earlier rows, for the duplicate rule (SPEC §6). */
export interface SeenEmails {
  /** The first row that gave this email, or undefined when it is new (then `row` becomes it). */
  firstRowOf(email: string, row: number): number | undefined;
}

export class SeenEmailsMap implements SeenEmails {
  readonly #firstRows = new Map<string, number>();

  firstRowOf(email: string, row: number): number | undefined {
    const first = this.#firstRows.get(email);
    if (first === undefined) this.#firstRows.set(email, row);
    return first;
  }
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

interface OtherSeparator {
  readonly separator: ';' | ',';
  /** The email the row holds (normalized). */
  readonly email: string;
}

/**
 * The separator a one-cell row uses when the file has several columns: the cell splits at it into
 * parts of which one is an email (`a@x.nl;TRUE` in a comma file). Cheap: most rows have more
 * than one cell and are not looked at.
 */
function otherSeparatorOf(cells: readonly string[], columns: number): OtherSeparator | null {
  if (cells.length !== 1 || columns < 2) return null;
  const cell = cells[0] ?? '';
  for (const separator of [';', ','] as const) {
    if (!cell.includes(separator)) continue;
    const email = cell
      .split(separator)
      .map((part) => normalizeEmail(part))
      .find((part) => isValidEmail(part));
    if (email !== undefined) return { separator, email };
  }
  return null;
}

/**
 * A cell that could not be read already names its column and why: the planner, which saw no value
 * there, would add "a new user needs TRUE or FALSE here" for the same Jabber cell, which the row
 * did fill. One message per cell.
 */
function withoutShadowedErrors(errors: readonly RowError[], cellErrors: readonly RowError[]): RowError[] {
  return errors.filter(
    (error) =>
      error.code !== 'jabber_required' || !cellErrors.some((cellError) => cellError.column === error.column),
  );
}

export class CsvRowPlanner {
  /** Where a remembered row's email is (rememberRecord reads nothing else). */
  private readonly emailColumn: number;
  /**
   * Directory sync is on: the directory creates the users, so a row for an email that is not a
   * user of the customer is an error (ADR 0067). Read once per import, not per row.
   */
  private readonly directoryOwnsUsers: boolean;

  constructor(
    private readonly columns: readonly MappedColumn[],
    private readonly behaviour: ImportBehaviour,
    private readonly state: PlanningState,
    private readonly seenEmails: SeenEmails = new SeenEmailsMap(),
    private readonly probeGate: EmailProbeGate | null = null,
  ) {
    this.emailColumn = emailColumnIndex(columns);
    this.directoryOwnsUsers = state.directorySync;
  }

  /**
   * A row applied by an earlier (interrupted) run of the same import: not planned again, only
   * remembered so a later row repeating its email is still reported as a duplicate.
   */
  rememberRecord(record: CsvRecord): void {
    const email = readEmailCell(record.cell(this.emailColumn));
    if (email !== '') this.seenEmails.firstRowOf(email, record.rowNumber);
  }

  planRecord(record: CsvRecord): CsvRowPlan {
    const cells = record.cells();
    const { change, cellErrors } = rowToChange(this.columns, cells);
    return this.plan(record, cells, change, cellErrors, normalizeEmail(change.email));
  }

  private plan(
    record: CsvRecord,
    cells: readonly string[],
    change: RowChange['change'],
    cellErrors: RowChange['cellErrors'],
    email: string,
  ): CsvRowPlan {
    const otherSeparator = otherSeparatorOf(cells, this.columns.length);
    if (otherSeparator) return this.otherSeparator(record, cells, otherSeparator);
    let duplicateError: RowError | null = null;
    if (email !== '') {
      const firstRow = this.seenEmails.firstRowOf(email, record.rowNumber);
      if (firstRow !== undefined)
        duplicateError = { code: 'duplicate_email_in_file', column: 'email', params: { row: firstRow } };
    }
    const current = email === '' ? null : this.state.user(email);
    // Before the probe gate: a row refused for directory sync tells nothing about the email.
    const plan =
      current === null && email !== '' && this.directoryOwnsUsers && isValidEmail(email)
        ? this.directoryUsersOnly(email)
        : current === null && email !== '' && !this.mayCheck(email)
          ? this.notChecked(email)
          : planUserChange({
              current,
              change,
              behaviour: this.behaviour,
              channel: 'csv',
              context: this.state,
            });
    // Most rows have no error: their plan's (empty) list is used as it is, with no copy per row.
    const errors =
      duplicateError === null && cellErrors.length === 0
        ? plan.errors
        : [
            ...(duplicateError ? [duplicateError] : []),
            ...cellErrors,
            ...withoutShadowedErrors(plan.errors, cellErrors),
          ];
    const action: PlanAction = errors.length > 0 ? 'error' : plan.action;
    if (action !== 'error') this.state.apply(plan, record.rowNumber);
    return {
      rowNumber: record.rowNumber,
      line: record.line,
      email,
      action,
      plan,
      errors,
      // With unreadable cells the plan saw only part of the row: its warnings may be artefacts.
      warnings: cellErrors.length > 0 ? [] : plan.warnings,
      cells,
    };
  }

  /** Whether a row for an email that is not the customer's user may tell what the email is. */
  private mayCheck(email: string): boolean {
    if (!this.probeGate) return true;
    if (this.probeGate.closed) return false;
    return !this.state.emailTakenElsewhere(email) || this.probeGate.admit(email);
  }

  /**
   * A row saved with the other separator reads as one cell: "email required" or "not a valid
   * email" would hide why. Nothing else of it is read, and its email counts for no other rule.
   */
  private otherSeparator(record: CsvRecord, cells: readonly string[], found: OtherSeparator): CsvRowPlan {
    const errors: RowError[] = [{ code: 'other_separator', params: { separator: found.separator } }];
    const plan: UserPlan = {
      action: 'error',
      email: found.email,
      before: null,
      after: null,
      changes: [],
      errors,
      warnings: [],
    };
    return {
      rowNumber: record.rowNumber,
      line: record.line,
      email: found.email,
      action: 'error',
      plan,
      errors,
      warnings: [],
      cells,
    };
  }

  private directoryUsersOnly(email: string): UserPlan {
    return {
      action: 'error',
      email,
      before: null,
      after: null,
      changes: [],
      errors: [{ code: 'directory_users_only', column: 'email' }],
      warnings: [],
    };
  }

  private notChecked(email: string): UserPlan {
    const limit = this.probeGate?.limitPerMinute ?? 0;
    return {
      action: 'error',
      email,
      before: null,
      after: null,
      changes: [],
      errors: [{ code: 'email_checks_rate_limited', column: 'email', params: { limit } }],
      warnings: [],
    };
  }
}
