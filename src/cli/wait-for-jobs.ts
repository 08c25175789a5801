// Commands that start background work (provisioning a customer) wait for it, as SPEC §2 asks.
// Outside a server there may be no worker at all, so the CLI runs one for those job kinds itself.
// Ctrl+C (SIGINT) or SIGTERM there stops that worker and gives its job back to the queue, says what
// is not done and how to resume it, and exits 130 / 143 (a second Ctrl+C ends the process at once).
// In a server, the forwarded CLI's own Ctrl+C ends only its wait (forward-to-server.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Worker } from '../jobs/worker.ts';
import type { CliContext } from './cli-context.ts';
import { CliInterrupted, watchInterrupts } from './interrupt-signals.ts';
import { readerGone, type AwaitedWork, type CliIo } from './io.ts';
import { checkCommand, stoppedWaitingJson, stoppedWaitingText, type WorkPlace } from './stopped-waiting.ts';

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

/** How long a command waits for background work unless told otherwise (--timeout). */
export const DEFAULT_WAIT_SECONDS = 120;

/** How often a waiting command looks at the work. */
const LOOK_INTERVAL_MS = 100;

/**
 * How long a stopped worker's running job gets to end on its own before its claim is given back.
 * Provisioning steps do not stop halfway; one that hangs downstream would otherwise hold the job
 * for JOB_LOCK_SECONDS, and this process with it.
 */
const STOP_GRACE_MS = 2_000;

let jobLeftRunning = false;

/**
 * True once a wait of this process stopped while its worker's job was still running (a downstream
 * step that does not answer): its claim was given back, and the process must end when the command
 * does (bin/hub exits then) instead of waiting for that step.
 */
export function jobLeftRunningInThisProcess(): boolean {
  return jobLeftRunning;
}

export interface WaitForWork<T> {
  /** The job kinds this CLI's own worker runs (with no server). */
  readonly kinds: readonly string[];
  /** The result once the work is done; null while it is not. */
  readonly check: () => Promise<T | null>;
  /** What is waited for: named when Ctrl+C, SIGTERM or the timeout ends the wait. */
  readonly work: AwaitedWork;
  /** After this CLI's worker stopped: the work's state (a customer's status), and whether it is done. */
  readonly stateAfterStop?: () => Promise<{ status?: string; finished: boolean }>;
  /** --json: the object of a stopped wait goes to stdout too. */
  readonly json?: boolean;
  readonly timeoutMs?: number;
}

function describeWork(work: AwaitedWork): string {
  switch (work.kind) {
    case 'import':
      return `import ${work.id}`;
    case 'customer-provisioning':
      return `the provisioning of customer ${work.externalId}`;
    case 'customer-deletion':
      return `the deletion of customer ${work.externalId}`;
  }
}

/** Gives back the jobs `workerId` holds: the next worker (or waiting CLI) takes them at once. */
async function releaseClaims(db: Kysely<DB>, workerId: string): Promise<void> {
  const { releaseJob } = await import('../jobs/queue.ts');
  const held = await db
    .selectFrom('jobs')
    .select('id')
    .where('locked_by', '=', workerId)
    .where('status', '=', 'running')
    .execute();
  for (const job of held) await releaseJob(db, job.id, workerId);
}

/**
 * A CLI worker's current drain, run beside a waiting loop's looks so that a step that hangs does
 * not stop them (nor Ctrl+C, nor a timeout), and how the last one failed (set in its callback).
 */
export interface BackgroundDrain {
  running: Promise<void> | null;
  failure: { error: unknown } | null;
}

export function newBackgroundDrain(): BackgroundDrain {
  return { running: null, failure: null };
}

/**
 * Starts the worker's next drain round unless one runs. drain() returns when no job is runnable
 * (one waiting on a lock needs another round): the caller starts the next at its next look, not at
 * once, which redrew the import's bar every 2 ms.
 */
export function drainInBackground(worker: Worker, drain: BackgroundDrain): void {
  if (drain.running) return;
  drain.running = worker
    .drain()
    .then(
      () => undefined,
      (error: unknown) => void (drain.failure = { error }),
    )
    .finally(() => (drain.running = null));
}

/**
 * Stops this CLI's worker. A job still running after STOP_GRACE_MS (a step that does not answer)
 * is given back to the queue: the steps are idempotent, so the next run redoes it whole.
 */
async function stopOwnWorker(worker: Worker, db: Kysely<DB>, running: Promise<void> | null): Promise<void> {
  await worker.stop();
  if (!running) return;
  const ended = await Promise.race([running.then(() => true), sleep(STOP_GRACE_MS, false)]);
  if (ended) return;
  jobLeftRunning = true;
  await releaseClaims(db, worker.id);
}

export async function waitUntil<T>(cli: CliContext, wait: WaitForWork<T>): Promise<T> {
  // A forwarded CLI stopped with Ctrl+C from here on names what goes on in the server. First, before
  // the awaits below: in a server the inline worker may take the job up at once.
  cli.io.awaiting(wait.work);
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
        definitions: jobDefinitions.filter((definition) => wait.kinds.includes(definition.kind)),
      });
  const interrupts = worker ? watchInterrupts() : null;
  const what = describeWork(wait.work);
  const drain = newBackgroundDrain();
  const timeoutMs = wait.timeoutMs ?? DEFAULT_WAIT_SECONDS * 1000;
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (drain.failure) throw drain.failure.error;
      const result = await wait.check();
      if (result !== null) {
        await worker?.stop();
        await drain.running;
        return result;
      }
      // The forwarded CLI left (Ctrl+C): nobody reads the answer; the server's worker goes on.
      if (cli.insideServer && readerGone(cli.io)) throw new Error(`The CLI stopped waiting for ${what}.`);
      if (Date.now() >= deadline) break;
      if (worker) drainInBackground(worker, drain);
      await pauseUnlessStopping(
        cli.io,
        LOOK_INTERVAL_MS,
        () => serverStoppingMessage(what, checkCommand(wait.work, true)),
        interrupts?.signal,
      );
    }
  } catch (error) {
    const received = interrupts?.received() ?? null;
    if (received === null || !worker) {
      if (worker) await stopOwnWorker(worker, runtime.database.db, drain.running);
      throw error;
    }
    await stopOwnWorker(worker, runtime.database.db, drain.running);
    const place: WorkPlace = { in: 'this-cli', ...(await wait.stateAfterStop?.()) };
    throw new CliInterrupted(
      received,
      stoppedWaitingText(wait.work, place),
      wait.json ? stoppedWaitingJson(received, wait.work, place) : undefined,
    );
  } finally {
    interrupts?.dispose();
  }
  if (worker) await stopOwnWorker(worker, runtime.database.db, drain.running);
  throw new Error(timeoutMessage(cli, runtime.config.inlineWorker, what, wait.work, timeoutMs));
}

function timeoutMessage(
  cli: CliContext,
  inlineWorker: boolean,
  what: string,
  work: AwaitedWork,
  timeoutMs: number,
): string {
  const where = cli.insideServer
    ? 'It goes on in the server.'
    : 'Its job went back to the queue and goes on when a worker runs (hub serve, hub worker).';
  // Inside a server started with HUB_WORKER=off only separate `hub worker` processes run jobs.
  const hint =
    cli.insideServer && !inlineWorker
      ? ' The server runs with HUB_WORKER=off: is a "hub worker" process running?'
      : '';
  return (
    `Timed out after ${timeoutMs / 1000} s waiting for ${what}: it is not done. ${where}${hint}\n` +
    `Check on it with: ${checkCommand(work, !cli.insideServer)} (--timeout SECONDS waits longer)`
  );
}
