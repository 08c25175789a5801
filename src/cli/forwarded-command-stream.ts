// The server's side of a forwarded CLI call (ADR 0051): the command's output as NDJSON events, one
// per write, then its exit code. While the command runs, an empty line every `keepAliveMs` tells
// the CLI the server is alive: a long import or provisioning wait may print nothing for minutes,
// and the CLI gives up on a server silent for longer than its HUB_CLI_TIMEOUT_SECONDS (ADR 0070).
// The stream is piped to the connection: a CLI that reads slowly (its stdout a slow pipe) fills it,
// and a command that writes a lot waits on `io.drained()` until the CLI has read it, so the server
// holds one piece of output (a page of a list) at a time, not the whole output.
import { PassThrough } from 'node:stream';
import { EXIT_FAILED } from './exit-codes.ts';
import { streamingIo, untilDrained, type CliIo, type ForwardedEvent } from './io.ts';

/** Without a CLI's wish (an older CLI): well inside undici's 300 s body timeout. */
export const DEFAULT_KEEPALIVE_MS = 10_000;
const KEEPALIVE_BOUNDS = { min: 100, max: 60_000 } as const;

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function forwardedCommandStream(
  run: (io: CliIo) => Promise<number>,
  options: {
    cwd: string;
    interactive: boolean;
    /** The CLI's terminal width when its stdout is a terminal (lists are tables then). */
    outColumns?: number | undefined;
    keepAliveMs?: number | undefined;
    /** The CLI went away (Ctrl+C, its own timeout) before the command ended; the command runs on. */
    onAbandoned?: (() => void) | undefined;
    /** Aborted when the server begins to stop: commands waiting for a job stop waiting. */
    stopping?: AbortSignal | undefined;
  },
): PassThrough {
  const events = new PassThrough();
  const send = (event: ForwardedEvent) => {
    if (!events.writableEnded && !events.destroyed) events.write(`${JSON.stringify(event)}\n`);
  };
  const keepAliveMs = Math.min(
    Math.max(options.keepAliveMs ?? DEFAULT_KEEPALIVE_MS, KEEPALIVE_BOUNDS.min),
    KEEPALIVE_BOUNDS.max,
  );
  const keepAlive = setInterval(() => {
    if (!events.writableEnded && !events.destroyed) events.write('\n');
  }, keepAliveMs);
  const finish = (exitCode: number) => {
    clearInterval(keepAlive);
    if (!events.writableEnded && !events.destroyed) events.end(`${JSON.stringify({ exitCode })}\n`);
  };
  // A CLI that went away (Ctrl+C, its own timeout) closes the stream: stop the keep-alives. That
  // is the operator's choice, not a server error: the command runs to its end without a reader.
  events.once('close', () => {
    clearInterval(keepAlive);
    if (!events.writableEnded) options.onAbandoned?.();
  });
  // Each wait also lets the server's other work run (its /healthz, other requests): the embedded
  // database answers a query without giving the event loop a turn, so a command that lists page
  // after page to a CLI that reads fast enough held the loop for the whole list (46 s for 60,000
  // users) without this.
  const drained = () => untilDrained(events).then(nextTurn);
  // The response closed before the command ended (the CLI left): a list stops fetching pages then,
  // instead of reading every page (46 s of database work for 60,000 users) to throw it away.
  const cliGone = () => events.destroyed;
  void run(
    streamingIo(
      options.cwd,
      options.interactive,
      send,
      drained,
      cliGone,
      options.stopping,
      options.outColumns,
    ),
  ).then(finish, (error: unknown) => {
    send({ err: `Error: ${error instanceof Error ? error.message : String(error)}\n` });
    finish(EXIT_FAILED);
  });
  return events;
}
