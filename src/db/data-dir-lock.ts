// One process at a time on an embedded (PGlite) data dir. PGlite has no lock of its own: a second
// server on the same data dir started fine, and the two then lost each other's writes (and once
// left the database unreadable). Every process that opens the data dir holds a lock file beside
// it, naming its pid and the command it runs (for the message); a lock whose process is gone (killed, crashed) is taken over.
import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../domain/errors.ts';
import { isProcessAlive } from '../lib/process-alive.ts';

/** A server on the embedded database runs its jobs itself (HUB_WORKER=off needs PostgreSQL). */
const JOBS_IN_SERVER = {
  en: 'A server on the embedded database runs the jobs itself, so no "hub worker" is needed beside it, nor can one run: the data dir takes one process at a time. Separate workers need PostgreSQL (DATABASE_URL).',
  nl: 'Een server op de ingebedde database voert de taken zelf uit, dus naast hem is geen "hub worker" nodig, en er kan er ook geen draaien: de datamap neemt één proces tegelijk. Aparte workers hebben PostgreSQL nodig (DATABASE_URL).',
} as const;

export class DataDirInUse extends AppError {
  /** `requester`: what this process runs (`hub worker`), as the lock file would record it. */
  constructor(dataDir: string, holder: LockHolder, requester: string = ownCommand()) {
    const who = holder.command ? `pid ${holder.pid}: ${holder.command}` : `pid ${holder.pid}`;
    // Only a server takes the CLI's commands: a worker or another command just has to end first.
    const serverMayRun = holder.command === null || /^hub serve\b/.test(holder.command);
    // A worker has no use for the server's CLI: the server already runs the jobs a worker would.
    const worker = /^hub worker\b/.test(requester);
    const advice = (language: keyof typeof JOBS_IN_SERVER): string => {
      const stop = language === 'en' ? 'Stop it first.' : 'Stop dat eerst.';
      if (!serverMayRun) return stop;
      if (!worker)
        return language === 'en'
          ? 'Stop it first, or use the running server (the CLI sends its commands to it).'
          : 'Stop dat eerst of gebruik de draaiende server (de CLI stuurt zijn opdrachten daarheen).';
      // A lock written before the command was recorded may be a server's or not.
      if (holder.command !== null) return JOBS_IN_SERVER[language];
      return language === 'en'
        ? `If it is a server ("hub serve"): ${JOBS_IN_SERVER.en} Otherwise stop it first.`
        : `Is het een server ("hub serve"): ${JOBS_IN_SERVER.nl} Anders: stop dat eerst.`;
    };
    super('conflict', {
      en: `The embedded database in ${dataDir} is in use by another process (${who}). ${advice('en')}`,
      nl: `De ingebedde database in ${dataDir} is in gebruik door een ander proces (${who}). ${advice('nl')}`,
    });
  }
}

/** The process in a lock file: its pid, and the command it runs when it wrote one. */
export interface LockHolder {
  readonly pid: number;
  readonly command: string | null;
}

/**
 * What this process runs, for the message another process gets: `hub worker`, `hub users import`.
 * Only the words before the first option: an option's value may be a secret (`--database-url`).
 */
function ownCommand(): string {
  const script = path.basename(process.argv[1] ?? 'node').replace(/\.m?js$/, '');
  const words = process.argv.slice(2);
  const firstOption = words.findIndex((word) => word.startsWith('-'));
  return [script, ...(firstOption === -1 ? words : words.slice(0, firstOption))].join(' ').slice(0, 200);
}

function holderOf(lockFile: string): LockHolder | null {
  try {
    const [pidLine = '', command = ''] = readFileSync(lockFile, 'utf8').split('\n');
    const pid = Number.parseInt(pidLine, 10);
    return Number.isInteger(pid) && pid > 0 ? { pid, command: command.trim() || null } : null;
  } catch {
    return null;
  }
}

/**
 * The live process, other than this one, recorded in `dataDir`'s lock file; null when there is
 * none (no lock, or one left by a process that is gone).
 */
export function liveLockHolder(dataDir: string): LockHolder | null {
  const holder = holderOf(`${dataDir}.lock`);
  return holder !== null && holder.pid !== process.pid && isProcessAlive(holder.pid) ? holder : null;
}

/** A held lock: `release` removes it (once), and it is removed when the process exits. */
export interface DataDirLock {
  release(): void;
}

/**
 * Takes the lock of `dataDir` for this process, or throws DataDirInUse naming the live process
 * that holds it. Synchronous on purpose: the exit handler that releases it must be too.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const lockFile = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    let descriptor: number;
    try {
      descriptor = openSync(lockFile, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = holderOf(lockFile);
      // Our own pid too: a second handle in one process corrupts the data dir just the same.
      if (holder !== null && isProcessAlive(holder.pid)) throw new DataDirInUse(dataDir, holder);
      rmSync(lockFile, { force: true }); // left by a process that is gone
      continue;
    }
    try {
      writeSync(descriptor, `${process.pid}\n${ownCommand()}`);
    } finally {
      closeSync(descriptor);
    }
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      process.off('exit', release);
      if (holderOf(lockFile)?.pid === process.pid) rmSync(lockFile, { force: true });
    };
    process.on('exit', release);
    return { release };
  }
  throw new DataDirInUse(dataDir, holderOf(lockFile) ?? { pid: 0, command: null });
}
