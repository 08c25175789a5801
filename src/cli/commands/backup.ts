// `hub backup`, `hub restore` and `hub migrate-to` (SPEC §10). While a server holds the embedded
// database, `hub backup` is sent to it (SPEC §9) and the server archives its open database;
// restore and migrate-to run in this process only (LOCAL_ONLY in run-cli.ts): they need the data
// dir to themselves, so they refuse while a server holds it.
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig, type Config } from '../../config.ts';
import { conflict, isAppError, validationFailed, type AppError } from '../../domain/errors.ts';
import { readDiscovery } from '../../server-discovery.ts';
import type { BackupResult } from '../../services/backup/embedded-backup.ts';
import type { MigrateToOptions } from '../../services/backup/migrate-to-postgres.ts';
import type { CliContext } from '../cli-context.ts';
import { CliUsageError } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';

/**
 * The backup services, imported when one of these commands runs: they load PGlite and pg, which
 * `hub --help` and the other commands do not need (ADR 0014).
 */
async function backupServices() {
  const [embedded, migrateTo, postgres] = await Promise.all([
    import('../../services/backup/embedded-backup.ts'),
    import('../../services/backup/migrate-to-postgres.ts'),
    import('../../services/backup/postgres-backup.ts'),
  ]);
  return { ...embedded, ...migrateTo, ...postgres };
}

/** The configuration of this process: these commands never run inside a server. */
function localConfig(cli: CliContext): Config {
  if (cli.insideServer)
    throw new CliUsageError('This command runs only from a terminal, not through a server.');
  return loadConfig();
}

/** The gzip magic bytes every backup begins with (restoreEmbedded checks them again, and more). */
const GZIP_MAGIC = [0x1f, 0x8b];

/** Refuses (exit 2) a path that is no file, or a file that is no gzip, before anything else. */
async function refuseWhatIsNoBackup(source: string): Promise<void> {
  const reason = await open(source, 'r').then(
    async (handle) => {
      try {
        // A directory opens (on Linux); only reading it fails (EISDIR).
        if ((await handle.stat()).isDirectory()) return 'a directory, not a file';
        const head = Buffer.alloc(2);
        const { bytesRead } = await handle.read(head, 0, 2, 0);
        return bytesRead === 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]
          ? null
          : 'not a gzip file';
      } finally {
        await handle.close();
      }
    },
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return 'no such file';
      if (error.code === 'EISDIR') return 'a directory, not a file';
      throw error;
    },
  );
  if (reason)
    throw new CliUsageError(
      `The file is not a backup of the embedded database (made by hub backup): ${source}: ${reason}`,
    );
}

async function refuseWhileServerRuns(config: Config): Promise<string> {
  if (config.database.kind !== 'pglite') throw new Error('expected the embedded database');
  const server = await readDiscovery(config.dataDir);
  if (server) {
    throw conflict({
      en: `A server (pid ${server.pid}, ${server.url}) holds the embedded database in ${config.dataDir}. Stop it first.`,
      nl: `Een server (pid ${server.pid}, ${server.url}) houdt de ingebedde database in ${config.dataDir} open. Stop die eerst.`,
    });
  }
  return config.database.dataDir;
}

/**
 * PostgreSQL's "database … does not exist" (SQLSTATE 3D000) is a --database-url to fix, not a
 * failure: say so (exit 2) with the command that creates it.
 */
function missingTargetDatabase(error: unknown, databaseUrl: string): CliUsageError | null {
  if ((error as { code?: unknown } | null)?.code !== '3D000') return null;
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  const user = url.username ? ` -U ${decodeURIComponent(url.username)}` : '';
  const port = url.port ? ` -p ${url.port}` : '';
  return new CliUsageError(
    `--database-url: the database "${name}" does not exist on ${url.hostname}. Create it first, e.g. createdb -h ${url.hostname}${port}${user} ${name}`,
  );
}

/**
 * A target that is not empty is rejected input (exit 2, SPEC §9), as the other destinations that
 * must be empty are (hub backup --out over a file, hub restore into a data dir holding a database)
 * and as a target that does not exist is: the --database-url names a database the command cannot
 * take, and nothing was copied. (A conflict with what the deployment holds, a name taken, stays
 * exit 1: ADR 0064.) Most often a server was started on it first (its start creates the
 * deployment's rows): say so, and how to make it empty again.
 */
function nonEmptyTarget(error: unknown, databaseUrl: string): AppError | null {
  if (!isAppError(error) || !error.details.some((detail) => detail.code === 'target_not_empty')) return null;
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  const user = url.username ? ` -U ${decodeURIComponent(url.username)}` : '';
  const port = url.port ? ` -p ${url.port}` : '';
  const server = `-h ${url.hostname}${port}${user}`;
  const remake = `dropdb ${server} ${name} && createdb ${server} ${name}`;
  return validationFailed(error.details, {
    en: `${error.message} Was a server started on it? Its start fills it. When nothing in it is needed, make it anew: ${remake}`,
    nl: `${error.messageNl ?? error.message} Is er een server op gestart? Die vult haar bij de start. Is er niets in nodig, maak haar dan opnieuw: ${remake}`,
  });
}

/**
 * A restore into a data dir that holds a database, in the CLI's words: the service's detail repeated
 * the path under the API's field name ("dataDir"); the CLI names the variable that chooses it.
 */
function heldDataDir(error: unknown, dataDir: string): AppError | null {
  if (!isAppError(error) || !error.details.some((each) => each.code === 'data_dir_not_empty')) return null;
  return validationFailed([], {
    en: `The data dir ${dataDir} (HUB_DATA_DIR) already holds a database. Give --force to replace it. The old one is moved aside, not deleted. Or set HUB_DATA_DIR to an empty data dir.`,
    nl: `De datamap ${dataDir} (HUB_DATA_DIR) bevat al een database. Geef --force om die te vervangen. De oude wordt opzij gezet, niet gewist. Of zet HUB_DATA_DIR op een lege datamap.`,
  });
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}

/** In a server (a forwarded command): its open database. Else the database the environment names. */
async function backUp(cli: CliContext, out: string, options: { force: boolean }): Promise<BackupResult> {
  const { backupEmbedded, backupOpenDatabase, backupPostgres } = await backupServices();
  if (cli.insideServer) {
    const { config, database } = await cli.runtime();
    if (config.database.kind !== 'pglite') throw new Error('expected the embedded database');
    return backupOpenDatabase(database, config.database.dataDir, out, options);
  }
  const config = localConfig(cli);
  return config.database.kind === 'postgres'
    ? backupPostgres(config.database.url, out, options)
    : backupEmbedded(await refuseWhileServerRuns(config), out, options);
}

export function registerBackupCommands(program: Command, cli: CliContext): void {
  program
    .command('backup')
    .description('Back up the embedded database to a file (PostgreSQL: wraps pg_dump --format=custom)')
    .requiredOption('--out <file>', 'the backup file to write')
    .option('--force', 'overwrite the file when it exists', false)
    .option('--json', 'print JSON', false)
    .addHelpText(
      'after',
      '\nWorks while a server runs (the server writes the backup).\n\nExample:\n  hub backup --out hub-backup.tar.gz',
    )
    .action(async (options: { out: string; force: boolean; json: boolean }) => {
      const out = path.resolve(cli.io.cwd, options.out);
      // Even --force cannot replace a directory with the file (it failed with a bare EISDIR).
      if ((await stat(out).catch(() => null))?.isDirectory())
        throw new CliUsageError(
          `--out: ${out} is a directory; give a file name, e.g. ${path.join(out, 'hub-backup.tar.gz')}`,
        );
      const result = await backUp(cli, out, { force: options.force });
      cli.print(
        options.json,
        result,
        () =>
          `Backed up the ${result.database === 'embedded' ? 'embedded database' : 'PostgreSQL database'} to ${result.file} (${formatBytes(result.bytes)})`,
      );
    });

  program
    .command('restore <file>')
    .description('Restore a backup of the embedded database into an empty data dir')
    .option('--force', 'replace the database in the data dir (it is moved aside, not deleted)', false)
    .option('--json', 'print JSON', false)
    .addHelpText(
      'after',
      '\nStop the server first. Migrations run on the next start.\n\nExample:\n  HUB_DATA_DIR=./restored hub restore hub-backup.tar.gz',
    )
    .action(async (file: string, options: { force: boolean; json: boolean }) => {
      const config = localConfig(cli);
      const { restoreEmbedded, usePgRestoreInstead } = await backupServices();
      const source = path.resolve(cli.io.cwd, file);
      if (config.database.kind === 'postgres') throw usePgRestoreInstead(source);
      // The file first (exit 2), then the server: a wrong path is not fixed by stopping a server.
      await refuseWhatIsNoBackup(source);
      const result = await restoreEmbedded(source, await refuseWhileServerRuns(config), {
        force: options.force,
      }).catch((error: unknown) => {
        throw heldDataDir(error, config.dataDir) ?? error;
      });
      cli.print(options.json, result, () =>
        [
          `Restored ${result.file} into ${result.dataDir} (${result.migrations} migrations recorded).`,
          ...(result.replacedDataDir
            ? [`The previous database was moved to ${result.replacedDataDir}.`]
            : []),
        ].join('\n'),
      );
    });

  program
    .command('migrate-to')
    .description('Copy this embedded deployment into an empty PostgreSQL database')
    .requiredOption('--database-url <url>', 'postgres://user:password@host:5432/database (empty)')
    .option('--batch-size <rows>', 'rows per insert', '1000')
    .option('--json', 'print JSON', false)
    .addHelpText(
      'after',
      '\nStop the server first; create the database first (e.g. createdb hub).\n' +
        'Exit 0 when copied (row counts verified); 2 when --database-url is no PostgreSQL URL, names a\n' +
        'database that does not exist or is not empty, or no embedded database is there to copy; 1 when\n' +
        'a server holds the data dir or the copy failed (the target is left without rows).\n' +
        '\nExample:\n  hub migrate-to --database-url postgres://hub:secret@db.internal:5432/hub',
    )
    .action(async (options: { databaseUrl: string; batchSize: string; json: boolean }) => {
      if (!/^postgres(ql)?:\/\//.test(options.databaseUrl))
        throw new CliUsageError('--database-url must be a postgres:// or postgresql:// URL.');
      if (!/^[1-9]\d{0,5}$/.test(options.batchSize))
        throw new CliUsageError('--batch-size must be a whole number from 1 to 999999.');
      const config = localConfig(cli);
      if (config.database.kind === 'postgres') {
        throw new CliUsageError(
          'This deployment already runs on PostgreSQL (DATABASE_URL is set). To copy it to another server use pg_dump and pg_restore.',
        );
      }
      const pgliteDir = await refuseWhileServerRuns(config);
      const { migrateToPostgres, isEmptyDir } = await backupServices();
      // Opening the runtime would start a new, empty embedded database here and copy that: a
      // wrong HUB_DATA_DIR (another folder's ./data) "migrated" nothing, exit 0.
      if (await isEmptyDir(pgliteDir))
        throw new CliUsageError(
          `There is no embedded database in ${config.dataDir} to copy (HUB_DATA_DIR, default ./data of the current folder). Set HUB_DATA_DIR to the data dir the server uses; nothing was copied.`,
        );
      const runtime = await cli.runtime();
      const result = await migrateToPostgres(runtime.database, options.databaseUrl, {
        batchSize: Number(options.batchSize),
        ...migrateProgress(cli.io),
      }).catch((error: unknown) => {
        throw (
          missingTargetDatabase(error, options.databaseUrl) ??
          nonEmptyTarget(error, options.databaseUrl) ??
          error
        );
      });
      cli.print(options.json, result, () =>
        [
          `Copied ${result.rows} row(s) in ${result.tables.length} tables to ${result.target}; row counts verified.`,
          `Now start the server with DATABASE_URL set to that database. The embedded data in ${config.dataDir} is left as it was.`,
        ].join('\n'),
      );
    });
}

/** Without a terminal, a "so far" line every this many batches (100,000 rows at the default size). */
const BATCHES_PER_PROGRESS_LINE = 100;

/**
 * Progress of `hub migrate-to` on stderr (a 460k-row copy took 270 s without a word): on a terminal
 * one line per table rewritten after each batch with the rows copied so far; otherwise a line when a
 * table begins, one every BATCHES_PER_PROGRESS_LINE batches of a large table, and its total.
 */
function migrateProgress(io: CliIo): Pick<MigrateToOptions, 'onProgress' | 'onTable'> {
  let batches = 0;
  return {
    onProgress: ({ table, rows }) => {
      if (io.interactive) {
        io.err(`\r  ${table}: ${rows} row(s) so far…`);
        return;
      }
      if (rows === 0) {
        batches = 0;
        io.err(`  ${table}: copying…\n`);
        return;
      }
      batches += 1;
      if (batches % BATCHES_PER_PROGRESS_LINE === 0) io.err(`  ${table}: ${rows} row(s) so far\n`);
    },
    // On a terminal the total replaces the "so far" line (\x1b[K clears what is left of it).
    onTable: (copy) =>
      io.err(
        `${io.interactive ? '\r' : ''}  ${copy.table}: ${copy.rows} row(s)${io.interactive ? '\x1b[K' : ''}\n`,
      ),
  };
}
