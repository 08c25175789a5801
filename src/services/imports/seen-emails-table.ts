// The duplicate rule's memory of a file's emails (SPEC §6) for imports of any size: the emails'
// bytes and first rows in typed arrays (CompactStringMap), ~60 bytes an email instead of the ~80
// a Map entry and its string cost on the JS heap, and nothing for the garbage collector to trace.
import type { SeenEmails } from '../../domain/csv/plan-csv-rows.ts';
import { CompactStringMap } from '../../lib/compact-string-map.ts';

export class SeenEmailsTable implements SeenEmails {
  readonly #firstRows = new CompactStringMap();

  /** Email -> id, shared with the planning state's record of claims (one copy of each email). */
  get emailIds(): CompactStringMap {
    return this.#firstRows;
  }

  firstRowOf(email: string, row: number): number | undefined {
    const id = this.#firstRows.intern(email, row);
    const first = this.#firstRows.valueAt(id);
    if (first === row) return undefined;
    // 0 (no row: the header is row 1) marks an email another user of the map added.
    if (first === 0) {
      this.#firstRows.setValueAt(id, row);
      return undefined;
    }
    return first;
  }
}
