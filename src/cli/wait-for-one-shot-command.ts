// `hub serve` and `hub worker` started while a one-shot command (`hub tokens create`, a script's next
// line that opened the data dir first) holds the embedded database stopped at once with exit 1.
// Such a command holds it for seconds: the service waits for it, saying so, up to a bound; a
// server or worker holding it is another service and is refused at once, as before.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../config.ts';
import { liveDataDirHolder } from './data-dir-holder.ts';
import type { CliIo } from './io.ts';

/** How long a service waits for a command to end (an import run here may take longer: then refused). */
export const ONE_SHOT_COMMAND_WAIT_MS = 60_000;
const POLL_MS = 100;

export async function awaitOneShotCommand(config: Config, io: CliIo): Promise<void> {
  const holder = await liveDataDirHolder(config);
  if (holder === null || holder.command === null || /^hub (serve|worker)\b/.test(holder.command)) return;
  const dataDir = config.database.kind === 'pglite' ? config.database.dataDir : config.dataDir;
  io.err(
    `The embedded database in ${dataDir} is in use by pid ${holder.pid} (${holder.command}); waiting for it to end (at most ${ONE_SHOT_COMMAND_WAIT_MS / 1000} s)…\n`,
  );
  const deadline = Date.now() + ONE_SHOT_COMMAND_WAIT_MS;
  while (Date.now() < deadline && (await liveDataDirHolder(config))?.pid === holder.pid) await sleep(POLL_MS);
}
