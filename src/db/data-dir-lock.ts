// One process at a time on an embedded (PGlite) data dir. PGlite has no lock of its own: a second
// server on the same data dir started fine, and the two then lost each other's writes (and once
// left the database unreadable). Every process that opens the data dir holds a lock file beside
// it, naming its pid; a lock whose process is gone (killed, crashed) is taken over.
import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { AppError } from '../domain/errors.ts';

export class DataDirInUse extends AppError {
  constructor(dataDir: string, pid: number) {
    super('conflict', {
      en: `The embedded database in ${dataDir} is in use by another process (pid ${pid}). Stop it first, or use the running server (the CLI sends its commands to it).`,
      nl: `De ingebedde database in ${dataDir} is in gebruik door een ander proces (pid ${pid}). Stop dat eerst of gebruik de draaiende server (de CLI stuurt zijn opdrachten daarheen).`,
    });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderOf(lockFile: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
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
      if (holder !== null && isAlive(holder)) throw new DataDirInUse(dataDir, holder);
      rmSync(lockFile, { force: true }); // left by a process that is gone
      continue;
    }
    try {
      writeSync(descriptor, String(process.pid));
    } finally {
      closeSync(descriptor);
    }
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      process.off('exit', release);
      if (holderOf(lockFile) === process.pid) rmSync(lockFile, { force: true });
    };
    process.on('exit', release);
    return { release };
  }
  const holder = holderOf(lockFile);
  throw new DataDirInUse(dataDir, holder ?? 0);
}
