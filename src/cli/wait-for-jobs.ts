// Commands that start background work (provisioning a customer) wait for it, as SPEC §2 asks.
// Outside a server there may be no worker at all, so the CLI runs one for those job kinds itself.
import { setTimeout as sleep } from 'node:timers/promises';
import { createWorker } from '../jobs/worker.ts';
import { jobDefinitions } from '../jobs/registry.ts';
import type { CliContext } from './cli-context.ts';

export async function waitUntil<T>(
  cli: CliContext,
  kinds: readonly string[],
  check: () => Promise<T | null>,
  timeoutMs = 120_000,
): Promise<T> {
  const runtime = await cli.runtime();
  const worker = cli.insideServer
    ? null
    : createWorker({
        db: runtime.database.db,
        logger: runtime.logger,
        definitions: jobDefinitions.filter((definition) => kinds.includes(definition.kind)),
      });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await worker?.drain();
    const result = await check();
    if (result !== null) return result;
    await sleep(100);
  }
  // Inside a server started with HUB_WORKER=off only separate `hub worker` processes run jobs.
  const hint =
    cli.insideServer && !runtime.config.inlineWorker
      ? ' The server runs with HUB_WORKER=off: is a "hub worker" process running?'
      : '';
  throw new Error(
    `Timed out after ${timeoutMs / 1000} s waiting for background work (${kinds.join(', ')}).${hint}`,
  );
}
