// The human output of lists and single objects. On a terminal a list is an aligned table that fits
// its width (80 columns when it does not say): the less important columns go first, then the
// widest values are cut with "…"; --json keeps every field. Piped, a list is one record per line,
// its fields separated by tabs, whole and without a header (for cut, awk, grep). A single object is
// `key: value` lines, its keys aligned.

/** A column of a list's table. */
export interface Column<T> {
  readonly header: string;
  readonly value: (item: T) => string;
  /**
   * Lower goes first when the table is too wide for the terminal (0: the first to go). Left out:
   * the column stays (ids, names), and is cut rather than dropped.
   */
  readonly dropOrder?: number;
}

/** The widths of the columns a terminal table shows (null: dropped). */
export interface TableLayout<T> {
  readonly columns: readonly Column<T>[];
  readonly widths: readonly number[];
}

const GAP = '  ';
/** A cut column keeps at least this many characters. */
const MIN_WIDTH = 8;

/** One field of a piped record: tabs and newlines would split it. */
function field(value: string): string {
  return value.replace(/[\t\r\n]+/g, ' ');
}

/** A piped list's record: its fields whole, tab-separated. */
export function tabSeparated<T>(columns: readonly Column<T>[], item: T): string {
  return columns.map((column) => field(column.value(item))).join('\t');
}

function cut(value: string, width: number): string {
  const single = field(value);
  return single.length <= width ? single.padEnd(width) : `${single.slice(0, Math.max(0, width - 1))}…`;
}

/**
 * The columns and widths of a terminal table for `items` (the first page: later ones are cut to
 * the same widths), fitting `width` characters.
 */
export function tableLayout<T>(
  columns: readonly Column<T>[],
  items: readonly T[],
  width: number,
): TableLayout<T> {
  let shown = [...columns];
  const natural = (column: Column<T>) =>
    Math.max(column.header.length, ...items.map((item) => field(column.value(item)).length));
  let widths = shown.map(natural);
  const total = () => widths.reduce((sum, next) => sum + next, 0) + GAP.length * (widths.length - 1);
  // Drop the least important columns while the table is too wide.
  for (;;) {
    if (total() <= width) break;
    const droppable = shown
      .map((column, index) => ({ index, order: column.dropOrder }))
      .filter((entry): entry is { index: number; order: number } => entry.order !== undefined)
      .sort((a, b) => a.order - b.order)[0];
    if (!droppable) break;
    shown = shown.filter((_, index) => index !== droppable.index);
    widths = widths.filter((_, index) => index !== droppable.index);
  }
  // Then cut the widest columns, one character at a time, down to MIN_WIDTH.
  while (total() > width) {
    const widest = widths.indexOf(Math.max(...widths));
    if ((widths[widest] ?? 0) <= MIN_WIDTH) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
  }
  return { columns: shown, widths };
}

function tableLine(widths: readonly number[], values: readonly string[]): string {
  return values
    .map((value, index) => cut(value, widths[index] ?? 0))
    .join(GAP)
    .trimEnd();
}

export function tableHeader<T>(layout: TableLayout<T>): string {
  return tableLine(
    layout.widths,
    layout.columns.map((column) => column.header),
  );
}

export function tableRow<T>(layout: TableLayout<T>, item: T): string {
  return tableLine(
    layout.widths,
    layout.columns.map((column) => column.value(item)),
  );
}

/** A single object: `key: value` lines, keys aligned; empty values left out. */
export function keyValueLines(pairs: readonly (readonly [string, string | null | undefined])[]): string {
  const shown = pairs.filter((pair): pair is readonly [string, string] => Boolean(pair[1]));
  const keyWidth = Math.max(0, ...shown.map(([key]) => key.length)) + 1;
  return shown.map(([key, value]) => `${`${key}:`.padEnd(keyWidth)} ${value}`).join('\n');
}
