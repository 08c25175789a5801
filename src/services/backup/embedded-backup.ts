// `hub backup` / `hub restore` of the embedded database (SPEC §10): a gzip tar of the PGlite data
// dir, restored into an empty data dir. PGlite lets one process open a data dir: with no server
// running the CLI opens it and PGlite makes the tar (`dumpDataDir`); a running server makes it of
// its open database, streamed file by file (data-dir-tar.ts); restore runs only with no server.
import { randomBytes } from 'node:crypto';
import { createWriteStream, openAsBlob } from 'node:fs';
import { open, readdir, rename, rm, stat, statfs } from 'node:fs/promises';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { AppError } from '../../domain/errors.ts';
import { conflict, validationFailed } from '../../domain/errors.ts';
import { loadConfig } from '../../config.ts';
import { makeDirectory } from '../../lib/make-directory.ts';
import { keepPrivate, PRIVATE_FOLDER, type Database } from '../../db/client.ts';
import { lockDataDir } from '../../db/data-dir-lock.ts';
import { listMigrations, migrationsFromANewerRelease } from '../../db/migrate.ts';
import { dataDirTar } from './data-dir-tar.ts';
import { moveIntoPlace } from './move-into-place.ts';
import {
  ArchiveRefusal,
  checkBackupArchive,
  MAX_ARCHIVE_ENTRIES,
  MAX_ARCHIVE_ENTRY_BYTES,
  type ArchiveSummary,
} from './restore-archive-guard.ts';

export const EMBEDDED_BACKUP_FORMAT = 'pglite-datadir-tar-gz';

export interface BackupResult {
  readonly file: string;
  readonly bytes: number;
  readonly database: 'embedded' | 'postgres';
  readonly format: string;
}

export interface RestoreResult {
  readonly file: string;
  readonly dataDir: string;
  /** Migrations recorded in the restored database (its schema version). */
  readonly migrations: number;
  /** Where the data dir that --force replaced was moved to; null when the data dir was empty. */
  readonly replacedDataDir: string | null;
}

const GZIP_MAGIC = [0x1f, 0x8b];

async function entries(dir: string): Promise<string[] | null> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export async function isEmptyDir(dir: string): Promise<boolean> {
  const found = await entries(dir);
  return found === null || found.length === 0;
}

/** Refuses to overwrite an existing file unless asked: a backup is often the only copy. */
export async function checkOutFile(file: string, force: boolean): Promise<void> {
  const folder = await stat(path.dirname(file)).catch(() => null);
  if (!folder?.isDirectory()) {
    throw validationFailed(
      [
        {
          code: 'no_such_folder',
          field: 'out',
          description: `${path.dirname(file)} is not a folder.`,
          descriptionNl: `${path.dirname(file)} is geen map.`,
        },
      ],
      {
        en: 'The backup file cannot be written there.',
        nl: 'Het back-upbestand kan daar niet worden geschreven.',
      },
    );
  }
  const existing = await stat(file).catch(() => null);
  if (existing && !force) {
    throw validationFailed(
      [
        {
          code: 'file_exists',
          field: 'out',
          description: `${file} exists. Give --force to overwrite it.`,
          descriptionNl: `${file} bestaat al. Geef --force om het te overschrijven.`,
        },
      ],
      { en: 'The backup file already exists.', nl: 'Het back-upbestand bestaat al.' },
    );
  }
}

export async function backupEmbedded(
  pgliteDir: string,
  outFile: string,
  options: { force: boolean },
): Promise<BackupResult> {
  if (await isEmptyDir(pgliteDir)) {
    throw conflict({
      en: `There is no embedded database in ${pgliteDir} to back up.`,
      nl: `Er is geen ingebedde database in ${pgliteDir} om te back-uppen.`,
    });
  }
  await checkOutFile(outFile, options.force);
  // Refused (with the holder's pid) while another process has the data dir open (ADR 0052).
  const lock = lockDataDir(pgliteDir);
  let dump: Blob;
  try {
    const pglite = await PGlite.create({ dataDir: pgliteDir });
    try {
      dump = await pglite.dumpDataDir('gzip');
    } finally {
      await pglite.close();
    }
  } finally {
    lock.release();
  }
  return writeBackup(dump, outFile);
}

/**
 * The backup of the database this process has open (a server running a forwarded `hub backup`),
 * taken while it holds the database's only connection: no query runs, so the files on disk are
 * what PGlite's own dump would read. Written as a stream that yields between files and chunks
 * (data-dir-tar.ts), not with `dumpDataDir`, whose one synchronous tar of the whole data dir held
 * the server's event loop past the CLI's 30 s silence bound: no keep-alive went out meanwhile.
 */
export async function backupOpenDatabase(
  database: Database,
  pgliteDir: string,
  outFile: string,
  options: { force: boolean },
): Promise<BackupResult> {
  if (database.kind !== 'pglite') throw new Error('expected the embedded database');
  await checkOutFile(outFile, options.force);
  return database.withScriptConnection(() =>
    writeBackupFile(outFile, (file) => pipeline(Readable.from(dataDirTar(pgliteDir)), createGzip(), file)),
  );
}

async function writeBackup(dump: Blob, outFile: string): Promise<BackupResult> {
  // Streamed, not copied into one more buffer: PGlite already holds the whole archive in memory.
  return writeBackupFile(outFile, (file) =>
    pipeline(Readable.fromWeb(dump.stream() as WebReadableStream<Uint8Array>), file),
  );
}

/** `write` pipes the archive into the file (pipeline: an error anywhere ends every stream). */
async function writeBackupFile(
  outFile: string,
  write: (file: Writable) => Promise<void>,
): Promise<BackupResult> {
  // Written next to the target and renamed, so a crash never leaves a half backup under its name.
  const partial = `${outFile}.${randomBytes(4).toString('hex')}.partial`;
  let bytes: number;
  try {
    await write(createWriteStream(partial, { mode: 0o600 }));
    bytes = (await stat(partial)).size;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  await moveIntoPlace(partial, outFile);
  return { file: outFile, bytes, database: 'embedded', format: EMBEDDED_BACKUP_FORMAT };
}

function notABackup(file: string, reason: string): AppError {
  return validationFailed([{ code: 'not_a_backup', field: 'file', description: `${file}: ${reason}` }], {
    en: 'The file is not a backup of the embedded database (made by hub backup).',
    nl: 'Het bestand is geen back-up van de ingebedde database (gemaakt met hub backup).',
  });
}

/**
 * A backup the guard refused (restore-archive-guard.ts): too big, too many entries, or entries no
 * hub backup holds. Rejected input (exit 2), with the reason and the limit in the detail.
 */
function refusedBackup(file: string, refusal: ArchiveRefusal): AppError {
  if (refusal.code === 'not_a_backup') return notABackup(file, refusal.reason);
  return validationFailed(
    [{ code: refusal.code, field: 'file', description: `${file}: ${refusal.reason}` }],
    {
      en: 'The backup is refused before anything is restored: it is not what hub backup writes, or larger than allowed.',
      nl: 'De back-up wordt geweigerd voordat er iets wordt teruggezet: hij is niet wat hub backup schrijft, of groter dan toegestaan.',
    },
  );
}

/**
 * A backup taken by a newer release: its database has applied migrations this release does not
 * have (ADR 0090). Rejected input (exit 2), as the guard's refusals are; nothing is restored.
 */
function backupFromANewerRelease(file: string, newer: readonly string[]): AppError {
  return validationFailed(
    [
      {
        code: 'backup_from_a_newer_release',
        field: 'file',
        description: `${file}: it was taken by a newer release of Wholesale Hub (it has applied ${newer.join(', ')}, which this release does not have); nothing was restored. Restore it with that release (or a later one), or restore a backup taken by this release`,
      },
    ],
    {
      en: 'The backup is refused before anything is restored: a newer release of Wholesale Hub took it.',
      nl: 'De back-up wordt geweigerd voordat er iets wordt teruggezet: een nieuwere versie van Wholesale Hub heeft hem gemaakt.',
    },
  );
}

/**
 * Why PGlite could not load a backup, readable: its file system throws Emscripten `ErrnoError`s,
 * plain objects with no message (and no errno when the host's error had a code Emscripten does not
 * map), which printed as "undefined".
 */
export function describeLoadFailure(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'object' && error !== null) {
    const { name, errno } = error as { name?: unknown; errno?: unknown };
    const label = typeof name === 'string' ? name : 'an error';
    return typeof errno === 'number'
      ? `${label} ${errno} while writing the data dir`
      : `${label} without a reason while writing the data dir (a file too large for it, or no space left)`;
  }
  return error === undefined || error === null ? 'it gave no reason' : String(error);
}

/** The nearest folder of `target` that exists: where the restored data dir will take space. */
async function existingAncestor(target: string): Promise<string> {
  let folder = target;
  while (!(await stat(folder).catch(() => null))) {
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return folder;
}

/**
 * Streams the backup through the guard before PGlite reads it whole into memory, and checks the
 * file system holds what it unpacks to; the data dir is not touched until both pass.
 */
async function checkArchive(
  file: string,
  pgliteDir: string,
  maxUnpackedBytes: number,
): Promise<ArchiveSummary> {
  const summary = await checkBackupArchive(file, {
    maxUnpackedBytes,
    maxEntries: MAX_ARCHIVE_ENTRIES,
    maxEntryBytes: MAX_ARCHIVE_ENTRY_BYTES,
  }).catch((error: unknown) => {
    if (error instanceof ArchiveRefusal) throw refusedBackup(file, error);
    throw error;
  });
  const folder = await existingAncestor(path.dirname(pgliteDir));
  const space = await statfs(folder);
  const free = space.bavail * space.bsize;
  if (summary.unpackedBytes > free) {
    throw validationFailed(
      [
        {
          code: 'not_enough_space',
          field: 'file',
          description: `${file}: it unpacks to ${Math.ceil(summary.unpackedBytes / 1024 / 1024)} MB and ${folder} has ${Math.floor(free / 1024 / 1024)} MB free; nothing was restored`,
        },
      ],
      {
        en: 'There is not enough disk space to restore this backup.',
        nl: 'Er is niet genoeg schijfruimte om deze back-up terug te zetten.',
      },
    );
  }
  return summary;
}

/** The backup as a file-backed Blob (not read into memory here), after a look at its first bytes. */
async function openBackup(file: string): Promise<Blob> {
  const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw notABackup(file, 'no such file');
    throw error;
  });
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    if (bytesRead < 2 || head[0] !== GZIP_MAGIC[0] || head[1] !== GZIP_MAGIC[1])
      throw notABackup(file, 'not a gzip file');
  } finally {
    await handle.close();
  }
  return openAsBlob(file);
}

export async function restoreEmbedded(
  file: string,
  pgliteDir: string,
  /** maxUnpackedBytes: RESTORE_MAX_UNPACKED_MB of the environment when not given. */
  options: { force: boolean; maxUnpackedBytes?: number },
): Promise<RestoreResult> {
  const backup = await openBackup(file);
  // Before the data dir is made or locked, and before PGlite unpacks the whole file in memory.
  await checkArchive(file, pgliteDir, options.maxUnpackedBytes ?? loadConfig().restoreMaxUnpackedBytes);
  // Nobody may have the data dir open while it is replaced (ADR 0052).
  await makeDirectory(path.dirname(pgliteDir), { mode: PRIVATE_FOLDER });
  const lock = lockDataDir(pgliteDir);
  try {
    return await restoreInto(backup, file, pgliteDir, options);
  } finally {
    lock.release();
  }
}

async function restoreInto(
  backup: Blob,
  file: string,
  pgliteDir: string,
  options: { force: boolean },
): Promise<RestoreResult> {
  const empty = await isEmptyDir(pgliteDir);
  if (!empty && !options.force) {
    // Refused input, as a backup over an existing file is: the same --force answers both (exit 2).
    throw validationFailed([{ code: 'data_dir_not_empty', field: 'dataDir', description: pgliteDir }], {
      en: `The data dir ${pgliteDir} already holds a database. Give --force to replace it.`,
      nl: `De datamap ${pgliteDir} bevat al een database. Geef --force om die te vervangen.`,
    });
  }
  // Restored beside the data dir and checked before it takes the data dir's place: a bad file
  // never costs the current database.
  const suffix = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;
  const staging = `${pgliteDir}.restore-${suffix}`;
  let migrations: number;
  try {
    const pglite = await PGlite.create({ dataDir: staging, loadDataDir: backup }).catch((error: unknown) => {
      throw notABackup(file, `PGlite could not load it (${describeLoadFailure(error)})`);
    });
    try {
      await keepPrivate(staging);
      const result = await pglite.query<{ name: string }>('select name from schema_migrations').catch(() => {
        throw notABackup(file, 'it holds no Wholesale Hub database (no schema_migrations table)');
      });
      const applied = result.rows.map((row) => row.name);
      // Refused here, before the data dir is replaced: the next start would refuse it anyway
      // (ADR 0090), with the current database already moved aside.
      const newer = migrationsFromANewerRelease(applied, await listMigrations());
      if (newer.length > 0) throw backupFromANewerRelease(file, newer);
      migrations = applied.length;
    } finally {
      await pglite.close();
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  let replacedDataDir: string | null = null;
  if ((await entries(pgliteDir)) !== null) {
    if (empty) await rm(pgliteDir, { recursive: true, force: true });
    else {
      replacedDataDir = `${pgliteDir}.replaced-${suffix}`;
      await rename(pgliteDir, replacedDataDir);
      // Kept for the operator to delete: still a whole database, so still closed to others.
      await keepPrivate(replacedDataDir);
    }
  }
  await rename(staging, pgliteDir);
  return { file, dataDir: pgliteDir, migrations, replacedDataDir };
}
