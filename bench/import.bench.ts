// `npm run bench:import`: a realistic generated user CSV (100,000 rows by default; BENCH_IMPORT_ROWS
// to change) imported on PGlite and on PostgreSQL, each in its own child process so peak RSS is
// that database's alone. Prints, per database: a bare csv-parse pass, upload, dry run, apply,
// re-import (all unchanged), a bare COPY of the same final rows into a copy of the users table,
// and the ratios of SPEC §11.
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { PerformanceObserver, constants as perfConstants } from 'node:perf_hooks';
import { Session } from 'node:inspector/promises';
import { parse } from 'csv-parse';
import { sql } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase, type Database } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { createImport } from '../src/services/imports/create-import.ts';
import { runImport } from '../src/services/imports/run-import.ts';
import { getImport } from '../src/services/imports/import-queries.ts';
import type { ImportCounts } from '../src/db/repositories/import-schema.ts';
import {
  createGeneratedCustomer,
  findGeneratedCustomer,
  generatedLocations,
} from '../test/imports/import-setup.ts';
import { generateUsersCsv } from '../test/imports/generate-users-csv.ts';
import { ensureBundle } from '../scripts/bundle.mjs';
import { hubNodeFlags } from './hub-node-flags.ts';
import { dryRunFloorSeconds } from './dry-run-floor.ts';
import { pgliteTarget, postgresTarget, type BenchTarget } from './support.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const LOCATIONS = 20;
/** The csv-parse baseline is the fastest of this many passes. */
const CSV_PARSE_PASSES = 3;
/** BENCH_IMPORT_DRY_ONLY=1: stop after the dry run (the memory check at 1M rows). */
const DRY_ONLY = process.env.BENCH_IMPORT_DRY_ONLY === '1';
/**
 * BENCH_IMPORT_NODE_FLAGS="--max-old-space-size=1024": Node flags of the importing process
 * instead of bin/hub's own (the flags the server and worker run with).
 */
const NODE_FLAGS = process.env.BENCH_IMPORT_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? hubNodeFlags();
/**
 * BENCH_IMPORT_ALLOCATION_PROFILE=FILE: a sampling profile of what the dry run allocates, garbage
 * included (a .heapprofile for Chrome DevTools), written to FILE.
 */
const ALLOCATION_PROFILE = process.env.BENCH_IMPORT_ALLOCATION_PROFILE;
/**
 * BENCH_IMPORT_FLOOR=1: also time the dry run's floor (./dry-run-floor.ts): reading, key lookups
 * and storing a bare result per row, without any rule.
 */
const FLOOR = process.env.BENCH_IMPORT_FLOOR === '1';
/** BENCH_IMPORT_BATCH_SIZE=500: rows per batch instead of the import's default. */
const BATCH_SIZE = process.env.BENCH_IMPORT_BATCH_SIZE
  ? Number(process.env.BENCH_IMPORT_BATCH_SIZE)
  : undefined;
/** BENCH_IMPORT_DATABASES=postgres (or pglite) measures one database only. */
const DATABASES = (process.env.BENCH_IMPORT_DATABASES ?? 'pglite,postgres').split(',');

interface Figures {
  database: string;
  rows: number;
  fileMB: number;
  csvParseSeconds: number;
  uploadSeconds: number;
  dryRunSeconds: number;
  /** CPU time (user + system, all threads) and garbage-collection pauses of the importing process during the dry run. */
  dryRunCpuSeconds: number;
  /** Scavenges count the young-generation garbage: each one is a semi-space full of allocation. */
  dryRunGc: GcFigures;
  /** The dry run's floor (BENCH_IMPORT_FLOOR=1), NaN when not measured. */
  dryRunFloorSeconds: number;
  applySeconds: number;
  reimportSeconds: number;
  copySeconds: number;
  peakRssMB: number;
  rssAfterDryRunMB: number;
  /** Live JS heap right after the dry run, after a forced GC (the state the import holds). */
  liveHeapAfterDryRunMB: number;
  /** Largest V8 heap (reserved) and off-heap memory (Buffers, WASM) seen while importing. */
  peakHeapTotalMB: number;
  peakExternalMB: number;
  /** RSS of the importing process before its first import (after a GC). */
  baselineRssMB: number;
  counts: ImportCounts;
}

/** Sums the garbage collector's pauses from now until `stop`. */
function gcPauses(): { stop: () => Promise<GcFigures> } {
  let milliseconds = 0;
  let minor = 0;
  let major = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      milliseconds += entry.duration;
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      if (kind === perfConstants.NODE_PERFORMANCE_GC_MINOR) minor += 1;
      else if (kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR) major += 1;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    async stop() {
      // Entries are delivered asynchronously: let the last ones arrive.
      await new Promise((resolve) => setTimeout(resolve, 10));
      observer.disconnect();
      return { seconds: milliseconds / 1000, minor, major };
    },
  };
}

/** V8's sampling heap profiler, keeping the samples of objects the garbage collector freed. */
async function allocationSampler(): Promise<{ stop: () => Promise<unknown> }> {
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.enable');
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 32 * 1024,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  return {
    async stop() {
      const { profile } = await session.post('HeapProfiler.stopSampling');
      session.disconnect();
      return profile;
    },
  };
}

interface GcFigures {
  seconds: number;
  minor: number;
  major: number;
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/** Samples where the process's memory is: the V8 heap or outside it. */
function memorySampler(): {
  peaks(): { rssMB: number; heapTotalMB: number; externalMB: number };
  stop(): void;
} {
  let rss = 0;
  let heapTotal = 0;
  let external = 0;
  let ticks = 0;
  const sampleAll = () => {
    const usage = process.memoryUsage();
    rss = Math.max(rss, usage.rss);
    heapTotal = Math.max(heapTotal, usage.heapTotal);
    external = Math.max(external, usage.external);
  };
  // RSS every tick; the full breakdown (which walks the heap's spaces, ~2 % of a dry run when
  // taken every 10 ms) every tenth.
  const sample = () => {
    ticks += 1;
    if (ticks % 10 === 0) sampleAll();
    else rss = Math.max(rss, process.memoryUsage.rss());
  };
  const timer = setInterval(sample, 10);
  const mb = (bytes: number) => Math.round(bytes / 1048576);
  return {
    peaks() {
      sampleAll();
      return { rssMB: mb(rss), heapTotalMB: mb(heapTotal), externalMB: mb(external) };
    },
    stop() {
      clearInterval(timer);
    },
  };
}

async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const result = await work();
  return [result, seconds(start)];
}

async function writeFileStreamed(
  file: string,
  locations: { name: string; numberPrefix: string }[],
): Promise<void> {
  const out = createWriteStream(file);
  for (const chunk of generateUsersCsv({ rows: ROWS, locations, numberDigits: 5, extensionLength: 7 })) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function csvParsePass(file: string): Promise<number> {
  let records = 0;
  const parser = createReadStream(file).pipe(parse({ delimiter: ',', relax_column_count: true }));
  for await (const record of parser) if (record) records += 1;
  return records;
}

const USER_COLUMNS = sql.raw(
  'customer_id, email, first_name, last_name, display_name, title, department, manager, package, attendant_console, basic_messaging, basic_space_meetings, calling_from_webex, jabber_calling, jabber_webex_teams, preferred_webex_site, preferred_language, time_zone, location_id, extension, phone_number, caller_id_number, caller_id_first_name, caller_id_last_name',
);

/**
 * A bare COPY of the imported users back into the users table itself (SPEC §11: "the same rows"
 * into the same table, so the same indexes, checks and foreign keys): the imported rows are
 * exported, deleted, and copied in again; only the COPY is timed.
 */
async function copyBaseline(
  database: Database,
  customerId: string,
  workDir: string,
  dataDir: string | null,
): Promise<number> {
  const { db } = database;
  if (database.kind === 'postgres') {
    const file = path.join(workDir, 'copy.csv');
    await chmod(workDir, 0o777);
    await sql`copy (select ${USER_COLUMNS} from users where customer_id = ${sql.lit(customerId)}) to ${sql.lit(file)} with (format csv)`.execute(
      db,
    );
    await sql`delete from users where customer_id = ${customerId}`.execute(db);
    await sql`vacuum users`.execute(db);
    await sql`checkpoint`.execute(db);
    const [, took] = await time(() =>
      sql`copy users (${USER_COLUMNS}) from ${sql.lit(file)} with (format csv)`.execute(db),
    );
    return took;
  }
  // PGlite: the file goes through /dev/blob (its only COPY channel), on a second handle of the data dir.
  await database.close();
  const pglite = await PGlite.create({ dataDir: dataDir ?? undefined });
  try {
    const exported = await pglite.query(
      `copy (select ${USER_COLUMNS.compile(db).sql} from users where customer_id = '${customerId}') to '/dev/blob' with (format csv)`,
    );
    const blob = exported.blob;
    if (!blob) throw new Error('COPY TO gave no blob');
    await pglite.query(`delete from users where customer_id = '${customerId}'`);
    await pglite.exec('vacuum users');
    await pglite.exec('checkpoint');
    const start = process.hrtime.bigint();
    await pglite.query(
      `copy users (${USER_COLUMNS.compile(db).sql}) from '/dev/blob' with (format csv)`,
      [],
      {
        blob,
      },
    );
    return seconds(start);
  } finally {
    await pglite.close();
  }
}

/**
 * Every measured phase starts from a checkpoint: otherwise one phase pays for flushing the WAL
 * the phase before it wrote, and figures swing by a third from run to run.
 */
async function settle(database: Database): Promise<void> {
  await sql`checkpoint`.execute(database.db);
}

type Kind = 'pglite' | 'postgres';

function openBenchDatabase(kind: Kind, url: string, dataDir: string): Promise<Database> {
  return openDatabase(kind === 'postgres' ? { kind, url, poolSize: 4 } : { kind, dataDir });
}

/**
 * The customer and its inventory (100k numbers) are created by a process of their own: the
 * memory they take is not the import's, and a process seldom gives freed memory back.
 */
async function setUpChild(kind: Kind, url: string, dataDir: string): Promise<void> {
  const database = await openBenchDatabase(kind, url, dataDir);
  await migrate(database);
  await createGeneratedCustomer(database, {
    externalId: 'BENCH',
    locationCount: LOCATIONS,
    numbersPerLocation: Math.ceil(ROWS / LOCATIONS) + 10,
  });
  await database.close();
}

async function child(kind: Kind, url: string, file: string, workDir: string): Promise<void> {
  const dataDir = path.join(workDir, 'pglite');
  const database = await openBenchDatabase(kind, url, dataDir);
  const customer = await findGeneratedCustomer(database, 'BENCH', LOCATIONS);
  const fileMB = (await stat(file)).size / 1048576;
  // The process as a server has it before any import: Node, the application's modules, the database.
  (globalThis as { gc?: () => void }).gc?.();
  const baselineRssMB = Math.round(process.memoryUsage().rss / 1048576);
  const memory = memorySampler();

  const upload = (dryRun: boolean) =>
    createImport(customer.context, {
      customerRef: customer.customerId,
      behaviour: 'add-only',
      dryRun,
      fileName: 'users.csv',
      body: createReadStream(file),
      maxBytes: 1024 * 1024 * 1024,
    });

  const [dry, uploadSeconds] = await time(() => upload(true));
  await settle(database);
  // Wall time is noisy on a shared machine: the process's own CPU and GC time tell the work done.
  const allocations = ALLOCATION_PROFILE ? await allocationSampler() : null;
  const gc = gcPauses();
  const cpuBefore = process.cpuUsage();
  const [, dryRunSeconds] = await time(() => runImport(database.db, dry.id, { batchSize: BATCH_SIZE }));
  const cpu = process.cpuUsage(cpuBefore);
  if (allocations && ALLOCATION_PROFILE)
    await writeFile(ALLOCATION_PROFILE, JSON.stringify(await allocations.stop()));
  const dryRunCpuSeconds = (cpu.user + cpu.system) / 1e6;
  const dryRunGc = await gc.stop();
  const rssAfterDryRunMB = memory.peaks().rssMB;
  (globalThis as { gc?: () => void }).gc?.();
  const liveHeapAfterDryRunMB = Math.round(process.memoryUsage().heapUsed / 1048576);
  const dryView = await getImport(customer.context, customer.customerId, dry.id);
  if (dryView.status !== 'validated')
    throw new Error(`dry run ended ${dryView.status}: ${dryView.fileError ?? dryView.failure ?? ''}`);
  let dryRunFloor = NaN;
  if (FLOOR) {
    const floorImport = await upload(true);
    await settle(database);
    dryRunFloor = await dryRunFloorSeconds(database.db, customer.customerId, floorImport.id, BATCH_SIZE);
  }
  if (DRY_ONLY) {
    const dryFigures: Figures = {
      database: kind === 'pglite' ? 'PGlite' : 'PostgreSQL',
      rows: ROWS,
      fileMB: Math.round(fileMB * 10) / 10,
      csvParseSeconds: NaN,
      uploadSeconds,
      dryRunSeconds,
      dryRunCpuSeconds,
      dryRunGc,
      dryRunFloorSeconds: dryRunFloor,
      applySeconds: NaN,
      reimportSeconds: NaN,
      copySeconds: NaN,
      peakRssMB: memory.peaks().rssMB,
      rssAfterDryRunMB,
      liveHeapAfterDryRunMB,
      peakHeapTotalMB: memory.peaks().heapTotalMB,
      peakExternalMB: memory.peaks().externalMB,
      baselineRssMB,
      counts: (await getImport(customer.context, customer.customerId, dry.id)).counts,
    };
    memory.stop();
    await database.close();
    await writeFile(path.join(workDir, `${kind}.json`), JSON.stringify(dryFigures));
    return;
  }

  const real = await upload(false);
  await settle(database);
  const [, applySeconds] = await time(() => runImport(database.db, real.id, { batchSize: BATCH_SIZE }));
  const applied = await getImport(customer.context, customer.customerId, real.id);
  if (applied.status !== 'completed' && applied.status !== 'completed_with_errors')
    throw new Error(`apply ended ${applied.status}`);

  const again = await upload(false);
  await settle(database);
  const [, reimportSeconds] = await time(() => runImport(database.db, again.id, { batchSize: BATCH_SIZE }));
  const reimported = await getImport(customer.context, customer.customerId, again.id);
  if (reimported.counts.unchanged + reimported.counts.error !== ROWS)
    throw new Error(`re-import not all unchanged: ${JSON.stringify(reimported.counts)}`);

  // The import's own peak: the baseline below opens a second PGlite handle in this process.
  const peaks = memory.peaks();
  memory.stop();
  const copySeconds = await copyBaseline(
    database,
    customer.customerId,
    workDir,
    kind === 'pglite' ? dataDir : null,
  );
  if (database.kind === 'postgres') await database.close();
  const figures: Figures = {
    database: kind === 'pglite' ? 'PGlite' : 'PostgreSQL',
    rows: ROWS,
    fileMB: Math.round(fileMB * 10) / 10,
    csvParseSeconds: NaN,
    uploadSeconds,
    dryRunSeconds,
    dryRunCpuSeconds,
    dryRunGc,
    dryRunFloorSeconds: dryRunFloor,
    applySeconds,
    reimportSeconds,
    copySeconds,
    peakRssMB: peaks.rssMB,
    rssAfterDryRunMB,
    liveHeapAfterDryRunMB,
    peakHeapTotalMB: peaks.heapTotalMB,
    peakExternalMB: peaks.externalMB,
    baselineRssMB,
    counts: applied.counts,
  };
  await writeFile(path.join(workDir, `${kind}.json`), JSON.stringify(figures));
}

function report(figures: Figures): string {
  const rate = (secondsTaken: number | null) =>
    secondsTaken === null || !Number.isFinite(secondsTaken)
      ? 'not measured'
      : `${Math.round(figures.rows / secondsTaken).toLocaleString('en')} rows/s (${secondsTaken.toFixed(2)} s)`;
  const ratio = (a: number | null, b: number | null) =>
    a && b && Number.isFinite(a / b) ? (a / b).toFixed(2) : '-';
  return [
    `${figures.database}: ${figures.rows.toLocaleString('en')} rows, ${figures.fileMB} MB, counts ${JSON.stringify(figures.counts)}`,
    `  bare csv-parse pass   ${rate(figures.csvParseSeconds)}   (fastest of ${CSV_PARSE_PASSES})`,
    `  upload (store file)   ${figures.uploadSeconds.toFixed(2)} s`,
    `  dry run               ${rate(figures.dryRunSeconds)}   = ${ratio(figures.csvParseSeconds, figures.dryRunSeconds)} x csv-parse (target >= 0.7)`,
    `  dry run work          ${figures.dryRunCpuSeconds.toFixed(2)} s CPU in the importing process, ${figures.dryRunGc.seconds.toFixed(2)} s in GC pauses (${figures.dryRunGc.minor} scavenges, ${figures.dryRunGc.major} mark-compacts)`,
    ...(Number.isFinite(figures.dryRunFloorSeconds)
      ? [
          `  dry-run floor         ${rate(figures.dryRunFloorSeconds)}   = ${ratio(figures.csvParseSeconds, figures.dryRunFloorSeconds)} x csv-parse (read, key lookups, store a bare result; no rules)`,
        ]
      : []),
    `  apply (validate+write) ${rate(figures.applySeconds)}`,
    `  re-import (unchanged) ${rate(figures.reimportSeconds)}`,
    `  bare COPY             ${rate(figures.copySeconds)}   apply = ${ratio(figures.applySeconds, figures.copySeconds)} x COPY (target <= 3, aim 2)`,
    `  peak RSS              ${figures.peakRssMB} MB while importing (dry run ${figures.rssAfterDryRunMB} MB; live JS heap after it ${figures.liveHeapAfterDryRunMB} MB; target <= 300)`,
    `  memory detail         V8 heap reserved up to ${figures.peakHeapTotalMB} MB, off-heap up to ${figures.peakExternalMB} MB; the process took ${figures.baselineRssMB} MB before importing`,
  ].join('\n');
}

// The children run this file compiled as bin/hub runs the product (a bundle, no tsx: ADR 0014).
async function runChild(args: readonly string[]): Promise<number | null> {
  const bundle = await ensureBundle('bench/import.bench.ts', 'bench-import');
  const result = spawnSync(process.execPath, ['--expose-gc', ...NODE_FLAGS, bundle, ...args], {
    stdio: 'inherit',
  });
  return result.status;
}

async function main(): Promise<void> {
  const [mode, kind, url, ...rest] = process.argv.slice(2);
  if (kind === 'pglite' || kind === 'postgres') {
    if (mode === '--setup' && rest[0]) return setUpChild(kind, url ?? '', rest[0]);
    if (mode === '--child' && rest[0] && rest[1]) return child(kind, url ?? '', rest[0], rest[1]);
  }
  const outDir = await mkdtemp(path.join(tmpdir(), 'hub-import-bench-out-'));
  // The file is written and the csv-parse baseline measured here, so that each child's peak RSS is
  // that of the import alone.
  const file = path.join(outDir, 'users.csv');
  await writeFileStreamed(file, generatedLocations(LOCATIONS));
  // The fastest of three passes: one pass swung from 0.6 to 1.2 s on this shared machine, and a
  // slow baseline flattered the dry run's ratio.
  let csvParseSeconds = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < CSV_PARSE_PASSES; pass += 1) {
    const [records, seconds] = await time(() => csvParsePass(file));
    if (records !== ROWS + 1) throw new Error(`csv-parse saw ${records} records`);
    csvParseSeconds = Math.min(csvParseSeconds, seconds);
  }
  const targets: BenchTarget[] = DATABASES.includes('pglite') ? [await pgliteTarget()] : [];
  const postgres = DATABASES.includes('postgres') ? await postgresTarget() : null;
  if (postgres) targets.push(postgres);
  console.log(
    `Import benchmark: ${ROWS.toLocaleString('en')} generated rows, ${LOCATIONS} locations, 40 % calling users (Node ${process.version}, importing with ${NODE_FLAGS.join(' ') || 'no flags'})`,
  );
  for (const target of targets) {
    const kindArg = target.label === 'PGlite' ? 'pglite' : 'postgres';
    const url = target.env.DATABASE_URL ?? '';
    const workDir = await mkdtemp(path.join(tmpdir(), 'hub-import-bench-'));
    const setUp = await runChild(['--setup', kindArg, url, path.join(workDir, 'pglite')]);
    const exit = setUp === 0 ? await runChild(['--child', kindArg, url, file, workDir]) : setUp;
    await target.cleanup();
    if (exit !== 0) {
      console.log(`${target.label}: failed (exit ${exit})`);
      process.exitCode = 1;
      await rm(workDir, { recursive: true, force: true });
      continue;
    }
    const figures = JSON.parse(await readFile(path.join(workDir, `${kindArg}.json`), 'utf8')) as Figures;
    await rm(workDir, { recursive: true, force: true });
    console.log(report({ ...figures, csvParseSeconds }));
  }
  await rm(outDir, { recursive: true, force: true });
}

await main();
