// Set-based writes of many rows in one statement: each column travels as one array parameter and
// `unnest` turns the arrays back into rows. Compared with a JSON document of row objects
// (jsonb_to_recordset) the server parses plain arrays far faster, and compared with bind
// parameters per row the statement stays the same size whatever the batch size.
import { sql, type RawBuilder } from 'kysely';

export type ColumnType = 'text' | 'boolean' | 'integer' | 'uuid' | 'jsonb';

export interface UnnestColumn<Row> {
  readonly name: string;
  readonly type: ColumnType;
  readonly value: (row: Row) => string | number | boolean | null;
}

/**
 * `select <columns> from unnest(...) as r (<columns>)` for these rows. jsonb columns travel as
 * text (the JSON already serialized) and are cast once per value.
 */
export function unnestRows<Row>(
  columns: readonly UnnestColumn<Row>[],
  rows: readonly Row[],
): RawBuilder<unknown> {
  const arrays = columns.map(
    (column) => sql`${rows.map(column.value)}::${sql.raw(column.type === 'jsonb' ? 'text' : column.type)}[]`,
  );
  const selected = columns.map((column) =>
    column.type === 'jsonb' ? sql.raw(`r.${column.name}::jsonb`) : sql.raw(`r.${column.name}`),
  );
  const names = sql.raw(columns.map((column) => column.name).join(', '));
  return sql`select ${sql.join(selected)} from unnest(${sql.join(arrays)}) as r (${names})`;
}

/** The column list of an insert into the same columns. */
export function columnList<Row>(columns: readonly UnnestColumn<Row>[]): RawBuilder<unknown> {
  return sql.raw(columns.map((column) => column.name).join(', '));
}
