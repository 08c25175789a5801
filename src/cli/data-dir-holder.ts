// Who holds the embedded database's lock file (src/db/data-dir-lock.ts: its pid and the command it
// runs, e.g. `hub serve`): read by the CLI to decide whether to wait for that process rather than
// fail at once.
import type { Config } from '../config.ts';
import { liveLockHolder, type LockHolder } from '../db/data-dir-lock.ts';

/** Its pid, and its command (`hub serve`, `hub tokens create`…; null when the lock records none). */
export type DataDirHolder = LockHolder;

/** The live process, other than this one, that holds the embedded data dir; null when none does. */
export function liveDataDirHolder(config: Config): DataDirHolder | null {
  return config.database.kind === 'pglite' ? liveLockHolder(config.database.dataDir) : null;
}
