// How an import moves through a file: batches of records, looked up one batch ahead of the
// planning (ADR 0013), planned with turns for the event loop, and written one batch behind the
// planning (ADR 0012).
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { CsvRowPlan, CsvRowPlanner } from '../../domain/csv/plan-csv-rows.ts';
import type { CsvRecord } from '../../domain/csv/read-csv.ts';

/**
 * Yields `prepare(item)` for each item, with the next item's preparation started before the
 * current one is handed out: its database lookups run while the caller plans the current batch.
 */
export async function* preparedAhead<T, U>(
  source: AsyncIterable<T>,
  prepare: (item: T) => Promise<U>,
): AsyncGenerator<U> {
  let pending: Promise<U> | null = null;
  for await (const item of source) {
    const next = prepare(item);
    // Handled when awaited below; without this a failure while the caller plans is "unhandled".
    next.catch(() => undefined);
    if (pending) yield await pending;
    pending = next;
  }
  if (pending) yield await pending;
}

/** Batches of `size` records, from records read a piece of text at a time (openCsv's batches). */
export async function* batchesOf(
  pieces: AsyncIterable<readonly CsvRecord[]>,
  size: number,
): AsyncGenerator<CsvRecord[]> {
  let batch: CsvRecord[] = [];
  for await (const piece of pieces) {
    for (const record of piece) {
      batch.push(record);
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * One write at a time, started without waiting: the next batch is read, looked up and planned in
 * JavaScript while the database stores the previous one (two cores busy instead of one taking
 * turns). `settle` waits for the last write and rethrows its error.
 */
export class WriteBehind {
  #pending: Promise<void> = Promise.resolve();

  /** Waits for the previous write, then starts this one. */
  async start(write: () => Promise<void>): Promise<void> {
    await this.#pending;
    this.#pending = write();
    // Handled at the next start/settle; without this a failure while we plan would be "unhandled".
    this.#pending.catch(() => undefined);
  }

  settle(): Promise<void> {
    return this.#pending;
  }
}

/** Rows read or planned between two turns of the event loop. */
export const ROWS_PER_TURN = 100;

/**
 * Plans a batch row by row, giving the event loop a turn every ROWS_PER_TURN rows: the previous
 * batch's write is a chain of round trips, and each waits for JavaScript to be free to send the
 * next statement. Without the turns a 1,000-row plan would stall it for tens of milliseconds.
 * `keep` turns each plan into what the caller holds on to (a dry run keeps only the row's
 * result): a plan dropped at once dies young, and the garbage collector never copies it.
 */
export async function planRows<T>(
  planner: CsvRowPlanner,
  records: readonly CsvRecord[],
  keep: (row: CsvRowPlan) => T,
): Promise<T[]> {
  const kept: T[] = [];
  for (const record of records) {
    if (kept.length > 0 && kept.length % ROWS_PER_TURN === 0) await yieldToEventLoop();
    kept.push(keep(planner.planRecord(record)));
  }
  return kept;
}

/**
 * Yields `source`'s items with the next one already asked for: the stored file's next chunk is
 * fetched (a round trip and ~1.4 MB of base64 from the database) while the reader parses this
 * one, instead of the reader waiting for each fetch in turn. Holds one chunk more.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  // Handled when awaited below (or dropped after an early return); without this a failure while
  // the caller works on the current item would be "unhandled".
  next.catch(() => undefined);
  let done = false;
  try {
    for (;;) {
      const current = await next;
      if (current.done) {
        done = true;
        return;
      }
      next = iterator.next();
      next.catch(() => undefined);
      yield current.value;
    }
  } finally {
    // A caller that stops early (a refused header, a cancelled import) ends the source too.
    if (!done) await iterator.return?.();
  }
}
