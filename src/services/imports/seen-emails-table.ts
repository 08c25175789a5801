// The duplicate rule's memory of a file's emails (SPEC §6) for imports of any size: the emails'
// bytes and first rows in typed arrays (CompactStringMap), ~50 bytes an email instead of the
// ~100 a Map entry costs on the JS heap, and nothing for the garbage collector to trace.
import type { SeenEmails } from '../../domain/csv/plan-csv-rows.ts';
import { CompactStringMap } from '../../lib/compact-string-map.ts';

export class SeenEmailsTable implements SeenEmails {
  readonly #firstRows = new CompactStringMap();

  firstRowOf(email: string, row: number): number | undefined {
    const known = this.#firstRows.size;
    const id = this.#firstRows.intern(email, row);
    return this.#firstRows.size > known ? undefined : this.#firstRows.valueAt(id);
  }
}
