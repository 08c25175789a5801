// `hub backup` on PostgreSQL: the database server has its own tool, so the CLI wraps
// `pg_dump --format=custom` when it is installed and otherwise says what to run. Restoring into a
// live PostgreSQL database is left to `pg_restore`, deliberately: it needs choices (clean, target
// database, roles) that only the person restoring can make.
import { execFile } from 'node:child_process';
import { rm, stat, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type { AppError } from '../../domain/errors.ts';
import { validationFailed } from '../../domain/errors.ts';
import { checkOutFile, type BackupResult } from './embedded-backup.ts';
import { moveIntoPlace } from './move-into-place.ts';

const run = promisify(execFile);

export const POSTGRES_BACKUP_FORMAT = 'pg_dump-custom';

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured DATABASE_URL';
  }
}

export function usePgDumpInstead(): AppError {
  return validationFailed(
    [
      {
        code: 'use_pg_dump',
        field: 'DATABASE_URL',
        description:
          'Back up with: pg_dump --format=custom --file=hub.dump "$DATABASE_URL"  (pg_dump is not on PATH here)',
        descriptionNl:
          'Maak een back-up met: pg_dump --format=custom --file=hub.dump "$DATABASE_URL"  (pg_dump staat hier niet in PATH)',
      },
    ],
    {
      en: 'This deployment runs on PostgreSQL: back it up with pg_dump.',
      nl: 'Deze installatie draait op PostgreSQL: maak de back-up met pg_dump.',
    },
  );
}

export function usePgRestoreInstead(file: string): AppError {
  return validationFailed(
    [
      {
        code: 'use_pg_restore',
        field: 'DATABASE_URL',
        description: `Restore with: pg_restore --dbname="$DATABASE_URL" --no-owner ${file}  (into an empty database; hub restore handles the embedded database only)`,
        descriptionNl: `Zet terug met: pg_restore --dbname="$DATABASE_URL" --no-owner ${file}  (in een lege database; hub restore werkt alleen met de ingebedde database)`,
      },
    ],
    {
      en: 'This deployment runs on PostgreSQL: restore it with pg_restore.',
      nl: 'Deze installatie draait op PostgreSQL: zet de back-up terug met pg_restore.',
    },
  );
}

export async function backupPostgres(
  url: string,
  outFile: string,
  options: { force: boolean },
): Promise<BackupResult> {
  await checkOutFile(outFile, options.force);
  const partial = `${outFile}.${randomBytes(4).toString('hex')}.partial`;
  try {
    // Made by us first, readable by the owner only: pg_dump writes into an existing file as it
    // is, where it would create one with the umask (0644, every local user could read the dump).
    await writeFile(partial, '', { mode: 0o600, flag: 'wx' });
    await run('pg_dump', ['--format=custom', `--file=${partial}`, `--dbname=${url}`], {
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    await rm(partial, { force: true });
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') throw usePgDumpInstead();
    throw new Error(`pg_dump of ${redactUrl(url)} failed: ${(failure.stderr ?? failure.message).trim()}`, {
      cause: error,
    });
  }
  await moveIntoPlace(partial, outFile);
  return {
    file: outFile,
    bytes: (await stat(outFile)).size,
    database: 'postgres',
    format: POSTGRES_BACKUP_FORMAT,
  };
}
