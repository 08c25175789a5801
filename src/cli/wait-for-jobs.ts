// Commands that start background work (provisioning a customer) wait for it, as SPEC §2 asks.
// Outside a server there may be no worker at all, so the CLI runs one for those job kinds itself.
import { setTimeout as sleep } from 'node:timers/promises';
import type { CliContext } from './cli-context.ts';
import type { CliIo } from './io.ts';

/**
 * The server running this forwarded command began to stop while the command waited for a job
 * (`CliIo.stopping`). The job is not done, so the command fails (exit 1, SPEC §9): the job goes
 * back to the queue when the worker stops, and continues when a worker runs again.
 */
export class ServerStopping extends Error {
  override readonly name = 'ServerStopping';
}

/** What a command says when it stops waiting for `work` (e.g. "import 3f2c…") at shutdown. */
export function serverStoppingMessage(work: string, follow: string | null): string {
  return (
    `The server is stopping, so this command stops waiting: ${work} is not done. It goes back to the ` +
    'queue and continues where it stopped when a worker runs again (hub serve, or hub worker).' +
    (follow ? `\nFollow it with: ${follow}` : '')
  );
}

/**
 * Waits `ms` between two looks at a job, or throws ServerStopping (with `message()`) as soon as
 * the server running this forwarded command begins to stop. `interrupted`: aborted by Ctrl+C in a
 * terminal; the pause then ends with an AbortError the caller turns into its own message.
 */
export async function pauseUnlessStopping(
  io: CliIo,
  ms: number,
  message: () => string,
  interrupted?: AbortSignal,
): Promise<void> {
  const stopping = io.stopping;
  if (stopping?.aborted) throw new ServerStopping(message());
  // A forwarded command has `stopping`, a terminal's `interrupted`: never both.
  const signal = stopping ?? interrupted;
  try {
    await sleep(ms, undefined, signal ? { signal } : {});
  } catch (error) {
    if (stopping?.aborted) throw new ServerStopping(message());
    throw error;
  }
}

export async function waitUntil<T>(
  cli: CliContext,
  kinds: readonly string[],
  check: () => Promise<T | null>,
  timeoutMs = 120_000,
): Promise<T> {
  // The job handlers are imported by the command that waits, not by every `hub` command
  // (ADR 0014).
  const [{ createWorker }, { jobDefinitions }] = await Promise.all([
    import('../jobs/worker.ts'),
    import('../jobs/registry.ts'),
  ]);
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
    await pauseUnlessStopping(cli.io, 100, () =>
      serverStoppingMessage(`the background work (${kinds.join(', ')})`, null),
    );
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
