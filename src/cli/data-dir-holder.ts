// Who holds the embedded database's lock file, as `src/db/data-dir-lock.ts` writes it ("pid" and,
// on the next line, the command it runs, e.g. `hub serve`): read by the CLI to decide whether to
// wait for that process rather than fail at once.
import { readFile } from 'node:fs/promises';
import type { Config } from '../config.ts';

export interface DataDirHolder {
  readonly pid: number;
  /** `hub serve`, `hub tokens create`…; null for a lock that records no command. */
  readonly command: string | null;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live process, other than this one, that holds the embedded data dir; null when none does. */
export async function liveDataDirHolder(config: Config): Promise<DataDirHolder | null> {
  if (config.database.kind !== 'pglite') return null;
  let text: string;
  try {
    text = await readFile(`${config.database.dataDir}.lock`, 'utf8');
  } catch {
    return null;
  }
  const [pidLine = '', command = ''] = text.split('\n');
  const pid = Number.parseInt(pidLine, 10);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !isAlive(pid)) return null;
  return { pid, command: command.trim() || null };
}
