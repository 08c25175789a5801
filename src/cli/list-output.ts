// The output of a `… list` command, written page by page as the pages come: a customer of 60,000
// users is 60 MB of JSON, which built whole (the array, then one string, then one forwarded event)
// ran a server with its 256 MB heap out of memory. Memory now stays at one page on both sides, and
// the command waits for the reader (`io.drained()`) before it fetches the next page, and fetches
// none once the reader left (`| head` done, a forwarded CLI stopped): no one would read it.
import { readerGone, type CliIo } from './io.ts';
import {
  tabSeparated,
  tableHeader,
  tableLayout,
  tableRow,
  type Column,
  type TableLayout,
} from './text-table.ts';

/** One page of a paged service call: its items and the cursor of the next page, if any. */
export interface ListPage<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string | null | undefined;
}

/** Every page of a paged listing, fetched one at a time as the caller asks for the next. */
export async function* allPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<ListPage<T>>,
): AsyncGenerator<readonly T[]> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export interface ListOutput<T> {
  readonly json: boolean;
  /**
   * The human output's columns: on a terminal an aligned table that fits it, piped a record per
   * line with tab-separated fields (text-table.ts).
   */
  readonly columns: readonly Column<T>[];
  /** The human output of an empty list (e.g. "No users."). */
  readonly empty: string;
}

/** The human lines of a page of a list; the terminal table's layout comes from its first page. */
function humanLines<T>(
  io: CliIo,
  output: ListOutput<T>,
  items: readonly T[],
  state: { layout?: TableLayout<T> },
) {
  if (io.outColumns === undefined) return items.map((item) => tabSeparated(output.columns, item));
  const first = state.layout === undefined;
  state.layout ??= tableLayout(output.columns, items, io.outColumns);
  const rows = items.map((item) => tableRow(state.layout as TableLayout<T>, item));
  return first ? [tableHeader(state.layout), ...rows] : rows;
}

/**
 * Prints a list: with --json the very text `JSON.stringify(items, null, 2)` gave before (one JSON
 * document, the array), else a line per item (a table on a terminal); written a page at a time.
 */
export async function printList<T>(
  io: CliIo,
  pages: AsyncIterable<readonly T[]> | Iterable<readonly T[]>,
  output: ListOutput<T>,
): Promise<void> {
  let count = 0;
  const table: { layout?: TableLayout<T> } = {};
  for await (const items of whileReaderStays(io, pages)) {
    if (items.length === 0) continue;
    const pieces = output.json
      ? items.map((item) => jsonArrayElement(item))
      : humanLines(io, output, items, table);
    const separator = output.json ? ',\n' : '\n';
    const lead = count === 0 ? (output.json ? '[\n' : '') : separator;
    io.out(`${lead}${pieces.join(separator)}`);
    count += items.length;
    await io.drained();
  }
  // A reader that left gets no end: the command ends as it would, without an error.
  if (readerGone(io)) return;
  if (output.json) io.out(count === 0 ? '[]\n' : '\n]\n');
  else if (count > 0) io.out('\n');
  // Piped, stdout holds records only (a script's `while read` or `wc -l` took "No users." for
  // one): the empty list's message goes to stderr. On a terminal it stands where the table would.
  else if (io.outColumns === undefined) io.err(output.empty ? `${output.empty}\n` : '');
  else io.out(`${output.empty}\n`);
  await io.drained();
}

/**
 * Prints `{...head, [key]: items, ...tail}` with --json's `JSON.stringify(value, null, 2)` text,
 * the array written a batch at a time (an import's 60,000 row results). Keys of `head` and `tail`
 * keep their order around the array, as the whole object printed at once had them.
 */
export async function printJsonObjectWithList<T>(
  io: CliIo,
  head: Readonly<Record<string, unknown>>,
  key: string,
  batches: AsyncIterable<readonly T[]>,
  tail: Readonly<Record<string, unknown>> = {},
): Promise<void> {
  const members = (value: Readonly<Record<string, unknown>>) =>
    Object.keys(value).length === 0 ? '' : JSON.stringify(value, null, 2).slice(2, -2);
  const before = members(head);
  io.out(`{\n${before}${before ? ',\n' : ''}  ${JSON.stringify(key)}: `);
  let count = 0;
  for await (const items of whileReaderStays(io, batches)) {
    if (items.length === 0) continue;
    const lead = count === 0 ? '[\n' : ',\n';
    io.out(`${lead}${items.map((item) => jsonArrayElement(item, 2)).join(',\n')}`);
    count += items.length;
    await io.drained();
  }
  if (readerGone(io)) return;
  const after = members(tail);
  io.out(`${count === 0 ? '[]' : '\n  ]'}${after ? `,\n${after}` : ''}\n}\n`);
  await io.drained();
}

/**
 * Items in arrays of up to `size`, so that a long stream of them is written in a few pieces. Given
 * the io they are written to, it stops reading items once that io's reader is gone.
 */
export async function* inBatches<T>(items: AsyncIterable<T>, size = 500, io?: CliIo): AsyncGenerator<T[]> {
  let batch: T[] = [];
  if (io && readerGone(io)) return;
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
      if (io && readerGone(io)) return;
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * The pages (or batches) of `pages` until the reader of `io` is gone: the next one is not fetched
 * then (ending the loop returns the generator, so that it fetches no more either).
 */
async function* whileReaderStays<T>(io: CliIo, pages: AsyncIterable<T> | Iterable<T>): AsyncGenerator<T> {
  if (readerGone(io)) return;
  for await (const page of pages) {
    yield page;
    if (readerGone(io)) return;
  }
}

/** An item as `JSON.stringify(…, null, 2)` writes it inside an array at `depth` (two spaces each). */
function jsonArrayElement(item: unknown, depth = 1): string {
  const indent = '  '.repeat(depth);
  // JSON escapes newlines inside strings, so every newline here is between tokens.
  return `${indent}${(JSON.stringify(item, null, 2) ?? 'null').replaceAll('\n', `\n${indent}`)}`;
}
