// A server that is starting holds the embedded database (its lock file) before it writes the
// discovery file the CLI finds it by: the migrations run and the listeners open in between (8.5 s
// measured from `hub serve` on a loaded two-core machine). A command run in that window failed with
// exit 1, though the server would have run it a moment later (SPEC §9): the CLI waits for it.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../config.ts';
import { discoveryFile, readDiscovery } from '../server-discovery.ts';
import { isProcessAlive } from '../lib/process-alive.ts';
import { liveDataDirHolder } from './data-dir-holder.ts';
import type { CliIo } from './io.ts';

/** How often the discovery file is looked for while the server starts. */
const POLL_MS = 100;

/** The pid of the `hub serve` that holds the data dir's lock, or null: only a server takes commands. */
function startingServerPid(config: Config): number | null {
  const holder = liveDataDirHolder(config);
  return holder !== null && /^hub serve\b/.test(holder.command ?? '') ? holder.pid : null;
}

/**
 * With no discovery file yet: `none` when no server is starting on the data dir (the command runs
 * here), `ready` once the starting server listens (send the command to it), `still-starting` when
 * it did not within HUB_CLI_TIMEOUT_SECONDS (said on stderr; the command failed). A server that
 * stops while starting leaves the data dir free: `none`.
 */
export async function awaitStartingServer(
  config: Config,
  io: CliIo,
): Promise<'none' | 'ready' | 'still-starting'> {
  const pid = startingServerPid(config);
  if (pid === null) return 'none';
  const seconds = config.cliTimeoutMs / 1000;
  // Also a server that is stopping: it removed the file first; once it is gone the command runs here.
  io.err(
    `A server (pid ${pid}) holds this data dir but takes no commands yet (it is starting, or stopping); waiting for it…\n`,
  );
  const deadline = Date.now() + config.cliTimeoutMs;
  while (Date.now() < deadline) {
    await sleep(POLL_MS);
    if (await readDiscovery(config.dataDir)) return 'ready';
    if (!isProcessAlive(pid)) return 'none';
  }
  io.err(
    `Error: the server (pid ${pid}) still takes no commands after ${seconds} s: it holds the embedded database in ${config.dataDir} but has not written ${discoveryFile(config.dataDir)}. ` +
      `See its log; to wait longer, set HUB_CLI_TIMEOUT_SECONDS (now ${seconds}).\n`,
  );
  return 'still-starting';
}
