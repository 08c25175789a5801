// `hub migrate-to --database-url …` (SPEC §10): copies an embedded deployment into an empty
// PostgreSQL database. The target is migrated by the same migrations, then every table is copied
// in foreign-key order, in batches, inside ONE target transaction (a failure leaves it empty),
// keeping ids; sequences (audit_events.id, jobs.seq) take the source's position; row counts are
// compared at the end. The tables are read from the catalog, so later migrations need no change.
import { sql, type Kysely, type Transaction } from 'kysely';
import { openDatabase, type Database } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import type { DB } from '../../db/schema.ts';
import { conflict } from '../../domain/errors.ts';
import { redactUrl } from './postgres-backup.ts';

// Tables are looked up by name at run time, so queries here are untyped.
type AnyDb = Kysely<DB> | Transaction<DB>;

export interface TableCopy {
  readonly table: string;
  readonly rows: number;
}

export interface MigrateToResult {
  readonly target: string;
  readonly migrations: readonly string[];
  readonly tables: readonly TableCopy[];
  readonly rows: number;
  readonly sequences: number;
}

export interface MigrateToOptions {
  /** Rows per insert; tables with bytea columns (import file chunks of 1 MB) use a few. */
  readonly batchSize?: number;
  /** Once a table's copy begins (rows 0), then after each batch with the rows copied so far. */
  readonly onProgress?: (progress: TableCopy) => void;
  readonly onTable?: (copy: TableCopy) => void;
}

const BOOKKEEPING = 'schema_migrations';

async function baseTables(db: AnyDb): Promise<string[]> {
  const result = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  return result.rows.map((row) => row.name);
}

async function hasRows(db: AnyDb, table: string): Promise<boolean> {
  const result = await sql<{
    found: boolean;
  }>`select exists (select 1 from ${sql.table(table)}) as found`.execute(db);
  return result.rows[0]?.found === true;
}

async function countRows(db: AnyDb, table: string): Promise<number> {
  const result = await sql<{ count: number }>`select count(*)::int as count from ${sql.table(table)}`.execute(
    db,
  );
  return Number(result.rows[0]?.count ?? 0);
}

/** Parents before children; self-references do not order anything. */
export function dependencyOrder(
  tables: readonly string[],
  edges: readonly { child: string; parent: string }[],
): string[] {
  const parents = new Map(tables.map((table) => [table, new Set<string>()]));
  for (const { child, parent } of edges) {
    if (child !== parent && parents.has(child) && parents.has(parent)) parents.get(child)?.add(parent);
  }
  const ordered: string[] = [];
  const done = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter(
      (table) => !done.has(table) && [...(parents.get(table) ?? [])].every((parent) => done.has(parent)),
    );
    if (ready.length === 0) {
      const left = tables.filter((table) => !done.has(table));
      throw new Error(`The foreign keys between ${left.join(', ')} form a cycle: no copy order exists.`);
    }
    for (const table of ready) {
      ordered.push(table);
      done.add(table);
    }
  }
  return ordered;
}

async function foreignKeys(db: AnyDb): Promise<{ child: string; parent: string }[]> {
  const result = await sql<{ child: string; parent: string }>`
    select child.relname as child, parent.relname as parent
    from pg_constraint c
    join pg_class child on child.oid = c.conrelid
    join pg_class parent on parent.oid = c.confrelid
    join pg_namespace n on n.oid = child.relnamespace
    where c.contype = 'f' and n.nspname = 'public'`.execute(db);
  return result.rows;
}

interface TargetColumns {
  readonly names: string[];
  readonly hasBytea: boolean;
}

async function insertableColumns(db: AnyDb, table: string): Promise<TargetColumns> {
  const result = await sql<{ name: string; type: string }>`
    select column_name as name, data_type as type from information_schema.columns
    where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER'
    order by ordinal_position`.execute(db);
  return {
    names: result.rows.map((row) => row.name),
    hasBytea: result.rows.some((row) => row.type === 'bytea'),
  };
}

async function sequences(db: AnyDb): Promise<string[]> {
  const result = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind = 'S' and n.nspname = 'public' order by c.relname`.execute(db);
  return result.rows.map((row) => row.name);
}

async function refuseNonEmptyTarget(target: Database, url: string): Promise<void> {
  const filled: string[] = [];
  for (const table of await baseTables(target.db)) {
    if (table !== BOOKKEEPING && (await hasRows(target.db, table))) filled.push(table);
  }
  if (filled.length > 0) {
    throw conflict(
      {
        en: `The target database ${redactUrl(url)} is not empty: migrate-to copies into an empty database only.`,
        nl: `De doeldatabase ${redactUrl(url)} is niet leeg: migrate-to kopieert alleen naar een lege database.`,
      },
      filled.slice(0, 10).map((table) => ({
        code: 'target_not_empty',
        field: 'databaseUrl',
        description: `Table ${table} has rows.`,
        descriptionNl: `Tabel ${table} bevat rijen.`,
      })),
    );
  }
}

/** Copies one table through a cursor on the source and batched inserts on the target. */
async function copyTable(
  source: Transaction<DB>,
  target: Transaction<DB>,
  table: string,
  columns: TargetColumns,
  batchSize: number,
  onProgress?: (rowsSoFar: number) => void,
): Promise<number> {
  const list = sql.join(columns.names.map((name) => sql.ref(name)));
  // Rows travel as JSON text, never parsed in between: types (timestamps to the microsecond, bytea,
  // jsonb arrays) round-trip exactly through to_jsonb / jsonb_populate_recordset.
  await sql`declare hub_copy no scroll cursor for select to_jsonb(t)::text as row from ${sql.table(table)} t`.execute(
    source,
  );
  let copied = 0;
  onProgress?.(0);
  try {
    for (;;) {
      const batch = await sql<{
        row: string;
      }>`fetch forward ${sql.raw(String(batchSize))} from hub_copy`.execute(source);
      if (batch.rows.length === 0) break;
      const json = `[${batch.rows.map((entry) => entry.row).join(',')}]`;
      await sql`insert into ${sql.table(table)} (${list}) overriding system value
        select ${list} from jsonb_populate_recordset(null::${sql.table(table)}, ${json}::jsonb)`.execute(
        target,
      );
      copied += batch.rows.length;
      onProgress?.(copied);
    }
  } finally {
    await sql`close hub_copy`.execute(source);
  }
  return copied;
}

export async function migrateToPostgres(
  source: Database,
  targetUrl: string,
  options: MigrateToOptions = {},
): Promise<MigrateToResult> {
  const batchSize = options.batchSize ?? 1000;
  const target = await openDatabase({ kind: 'postgres', url: targetUrl, poolSize: 2 });
  try {
    await refuseNonEmptyTarget(target, targetUrl);
    const migrations = await migrate(target);
    const sourceTables = (await baseTables(source.db)).filter((table) => table !== BOOKKEEPING);
    const targetTables = new Set(await baseTables(target.db));
    const missing = sourceTables.filter((table) => !targetTables.has(table));
    if (missing.length > 0)
      throw new Error(`The target lacks the tables ${missing.join(', ')} after its migrations.`);
    const order = dependencyOrder(sourceTables, await foreignKeys(source.db));
    const copies: TableCopy[] = [];
    let sequenceCount = 0;
    // One source transaction gives one consistent snapshot; one target transaction makes the copy
    // all or nothing.
    await source.db.transaction().execute(async (sourceTrx) => {
      await target.db.transaction().execute(async (targetTrx) => {
        for (const table of order) {
          const columns = await insertableColumns(targetTrx, table);
          const rows = await copyTable(
            sourceTrx,
            targetTrx,
            table,
            columns,
            columns.hasBytea ? Math.min(batchSize, 4) : batchSize,
            (rows) => options.onProgress?.({ table, rows }),
          );
          const copy = { table, rows };
          copies.push(copy);
          options.onTable?.(copy);
        }
        const targetSequences = new Set(await sequences(targetTrx));
        for (const name of await sequences(sourceTrx)) {
          if (!targetSequences.has(name)) continue;
          const state = await sql<{ last_value: number; is_called: boolean }>`
            select last_value, is_called from ${sql.table(name)}`.execute(sourceTrx);
          const position = state.rows[0];
          if (!position) continue;
          await sql`select setval(${name}::regclass, ${position.last_value}, ${position.is_called})`.execute(
            targetTrx,
          );
          sequenceCount += 1;
        }
      });
    });
    const mismatches: string[] = [];
    for (const copy of copies) {
      const [inSource, inTarget] = [
        await countRows(source.db, copy.table),
        await countRows(target.db, copy.table),
      ];
      if (inSource !== inTarget || inSource !== copy.rows)
        mismatches.push(`${copy.table}: ${inSource} in the source, ${inTarget} in the target`);
    }
    if (mismatches.length > 0)
      throw new Error(`Row counts differ after the copy:\n  ${mismatches.join('\n  ')}`);
    return {
      target: redactUrl(targetUrl),
      migrations,
      tables: copies,
      rows: copies.reduce((sum, copy) => sum + copy.rows, 0),
      sequences: sequenceCount,
    };
  } finally {
    await target.close();
  }
}
