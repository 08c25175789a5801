// `hub serve` and `hub worker` started while a one-shot command (`hub tokens create`, a script's next
// line that opened the data dir first) holds the embedded database stopped at once with exit 1.
// Such a command holds it for seconds: the service waits for it, saying so, up to a bound, and opens
// the database again; a server or worker holding it is another service and is refused at once.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../config.ts';
import { DataDirInUse } from '../db/data-dir-lock.ts';
import type { Runtime } from '../runtime.ts';
import type { CliContext } from './cli-context.ts';
import { liveDataDirHolder } from './data-dir-holder.ts';

/** How long a service waits for commands to end (an import run here may take longer: then refused). */
export const ONE_SHOT_COMMAND_WAIT_MS = 60_000;
const POLL_MS = 100;

/**
 * Opens the service's runtime; while a one-shot command holds the data dir, waits for it to end
 * and tries again, until ONE_SHOT_COMMAND_WAIT_MS have passed.
 */
export async function openServiceRuntime(cli: CliContext, config: Config): Promise<Runtime> {
  const deadline = Date.now() + ONE_SHOT_COMMAND_WAIT_MS;
  for (;;) {
    try {
      return await cli.runtime({ service: true });
    } catch (error) {
      if (!(error instanceof DataDirInUse) || !(await awaitOneShotCommand(config, cli, deadline)))
        throw error;
    }
  }
}

/** True when a one-shot command held the data dir and it has ended (or gone on past the deadline, false). */
async function awaitOneShotCommand(config: Config, cli: CliContext, deadline: number): Promise<boolean> {
  const holder = liveDataDirHolder(config);
  if (holder === null) return Date.now() < deadline; // it ended meanwhile: open again
  if (holder.command === null || /^hub (serve|worker)\b/.test(holder.command)) return false;
  const dataDir = config.database.kind === 'pglite' ? config.database.dataDir : config.dataDir;
  cli.io.err(
    `The embedded database in ${dataDir} is in use by pid ${holder.pid} (${holder.command}); waiting for it to end (at most ${ONE_SHOT_COMMAND_WAIT_MS / 1000} s)…\n`,
  );
  while (Date.now() < deadline) {
    await sleep(POLL_MS);
    if (liveDataDirHolder(config)?.pid !== holder.pid) return true;
  }
  return false;
}
