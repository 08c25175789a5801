// Sends a CLI invocation to the running server that holds the embedded database (ADR 0051) and
// prints what it streams back. A server that stops answering (hung, stopped with SIGSTOP, its
// event loop blocked) must not hang the CLI: every wait for the next sign of life is bounded by
// HUB_CLI_TIMEOUT_SECONDS. A long command (an import waiting for its job, a customer's
// provisioning) keeps working: the server sends a keep-alive line while it runs (ADR 0070). Time
// this CLI itself was stopped (Ctrl+Z, SIGSTOP, a sleeping laptop) is not the server's silence,
// nor is time spent waiting for this CLI's own stdout reader: the CLI reads the next chunk only
// once its stdout took the last one, so a slow reader slows the server down (backpressure) instead
// of filling memory. Ctrl+C stops waiting and says what keeps running in the server. A stdout whose
// reader left (`| head` done) ends the call quietly: the server's list then stops fetching pages.
import { z } from 'zod';
import type { Config } from '../config.ts';
import { productVersion } from '../project-paths.ts';
import { cliEndpointUrl, discoveryFile, readDiscovery, type ServerDiscovery } from '../server-discovery.ts';
import { EXIT_FAILED, describeError } from './exit-codes.ts';
import { readerGone, type AwaitedWork, type CliIo, type ForwardedEvent } from './io.ts';
import { EXIT_CODE_FOR_SIGNAL, type InterruptSignal } from './interrupt-signals.ts';
import { silenceWatchdog } from './silence-watchdog.ts';
import { stoppedWaitingJson, stoppedWaitingText } from './stopped-waiting.ts';

/** The path of the endpoint on the server's CLI listener (the main HTTP app answers 404 for it). */
export const FORWARDED_CLI_PATH = '/internal/cli';

/** The response header in which a server names its version, for a CLI that cannot read it. */
export const SERVER_VERSION_HEADER = 'x-hub-version';

/** Keep-alives come this often relative to the CLI's timeout, so that one late one does not end it. */
const KEEPALIVES_PER_TIMEOUT = 3;

/** What a CLI asks of the server besides its argv: how often to send a keep-alive while it runs. */
export function keepAliveIntervalMs(timeoutMs: number): number {
  return Math.ceil(timeoutMs / KEEPALIVES_PER_TIMEOUT);
}

/** The exit code of a command stopped with Ctrl+C (128 + SIGINT), as the shell reports it. */
export const EXIT_INTERRUPTED = EXIT_CODE_FOR_SIGNAL.SIGINT;

class ServerSilent extends Error {}
/** Ctrl+C (SIGINT) or SIGTERM: the exit code says which, as for a command run here. */
class Interrupted extends Error {
  constructor(readonly signal: InterruptSignal) {
    super(signal);
  }
}
/** This CLI's own stdout reader left: nothing it is sent would be read. */
class ReaderGone extends Error {}

const awaitedImport = z.object({ kind: z.literal('import'), id: z.string(), customerId: z.string() });
const awaitedCustomerWork = z.object({
  kind: z.enum(['customer-provisioning', 'customer-deletion']),
  customerId: z.string(),
  externalId: z.string(),
  partner: z.string().optional(),
});

const forwardedEvent = z.union([
  z.object({ out: z.string() }),
  z.object({
    err: z.string(),
    awaiting: awaitedImport.optional(),
    // Work of a kind a newer server knows and this CLI not: read as no work named.
    waitingFor: z.union([awaitedImport, awaitedCustomerWork]).optional().catch(undefined),
  }),
  z.object({ exitCode: z.number().int() }),
]);

/** A line of the server's stream that is not an event this CLI knows. */
class UnreadableLine extends Error {
  constructor(readonly line: string) {
    super('unreadable line');
  }
}

/** Answers the command's exit code, or null when no server holds the data dir (run it here). */
export async function forwardToServer(
  config: Config,
  argv: readonly string[],
  io: CliIo,
): Promise<number | null> {
  const server = await readDiscovery(config.dataDir);
  if (!server) return null;
  const cliUrl = cliEndpointUrl(server);
  const timeoutMs = config.cliTimeoutMs;
  const abort = new AbortController();
  // Restarted at each sign of life: the answer's headers, then every chunk of its body.
  const watchdog = silenceWatchdog(timeoutMs, () => abort.abort(new ServerSilent()));
  const stillAlive = () => watchdog.alive();
  let started = false;
  let serverVersion: string | null = null;
  const relayed: RelayState = { awaiting: null, outWritten: false };
  // Ctrl+C or SIGTERM ends only the wait: the server runs the command to its end whatever the CLI
  // does. Only the first is caught: a second one ends the process at once.
  const stopListening = () => {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onTerminate);
  };
  const onInterrupt = () => {
    stopListening();
    abort.abort(new Interrupted('SIGINT'));
  };
  const onTerminate = () => {
    stopListening();
    abort.abort(new Interrupted('SIGTERM'));
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onTerminate);
  try {
    stillAlive();
    const response = await fetch(`${cliUrl}${FORWARDED_CLI_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-cli-secret': server.cliSecret },
      body: JSON.stringify({
        argv,
        cwd: io.cwd,
        interactive: io.interactive,
        ...(io.outColumns === undefined ? {} : { outColumns: io.outColumns }),
        keepAliveMs: keepAliveIntervalMs(timeoutMs),
      }),
      signal: abort.signal,
    });
    stillAlive();
    serverVersion = response.headers.get(SERVER_VERSION_HEADER);
    if (!response.ok || !response.body) {
      io.err(`Error: the running server (pid ${server.pid}) refused the command: HTTP ${response.status}\n`);
      return EXIT_FAILED;
    }
    started = true;
    return await relayForwardedEvents(response.body, io, server.pid, {
      stillAlive,
      reading: watchdog,
      abort: abort.signal,
      state: relayed,
    });
  } catch (error) {
    if (error instanceof ReaderGone) {
      // Closing the connection tells the server: a list stops fetching pages nobody reads. Not an
      // error (the reader left by choice), unless work goes on in the server that one may follow.
      abort.abort(error);
      if (!relayed.awaiting) return 0;
      io.err(interruptedMessage(server, argv, relayed.awaiting));
      return EXIT_INTERRUPTED;
    }
    if (abort.signal.aborted && abort.signal.reason instanceof Interrupted) {
      const { signal } = abort.signal.reason;
      // A script's --json gets an object, unless the command's own output began (it would be cut).
      if (argv.includes('--json') && !relayed.outWritten) {
        const json = stoppedWaitingJson(signal, relayed.awaiting, {
          in: 'server',
          pid: server.pid,
          url: server.url,
        });
        io.out(`${JSON.stringify(json, null, 2)}\n`);
      }
      io.err(interruptedMessage(server, argv, relayed.awaiting));
      return EXIT_CODE_FOR_SIGNAL[signal];
    }
    if (error instanceof UnreadableLine) {
      abort.abort();
      io.err(unreadableMessage(server, serverVersion, error.line));
      return EXIT_FAILED;
    }
    if (abort.signal.aborted && abort.signal.reason instanceof ServerSilent) {
      io.err(silenceMessage(server, timeoutMs, started));
      return EXIT_FAILED;
    }
    // fetch says only "fetch failed"; the reason (ECONNREFUSED, …) is its cause.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
    const reason = (cause as NodeJS.ErrnoException | undefined)?.code ?? describeError(cause ?? error);
    io.err(
      `Error: a server (pid ${server.pid}) holds the embedded database in ${config.dataDir} but did not answer at ${cliUrl} (${reason}).\n` +
        `If no hub server runs, pid ${server.pid} is another process now: remove ${discoveryFile(config.dataDir)} and run the command again.\n`,
    );
    return EXIT_FAILED;
  } finally {
    stopListening();
    watchdog.stop();
  }
}

/** Ctrl+C while the server runs the command: what goes on there, and how to follow it. */
export function interruptedMessage(
  server: ServerDiscovery,
  argv: readonly string[],
  awaiting: AwaitedWork | null,
): string {
  if (awaiting) return stoppedWaitingText(awaiting, { in: 'server', pid: server.pid, url: server.url });
  return (
    `Stopped waiting. "hub ${argv.join(' ')}" keeps running in the server (pid ${server.pid}) and may still finish: ` +
    'check before running it again.\n'
  );
}

/** Not a silent server: one that speaks another version of the protocol, or garbles it. */
function unreadableMessage(server: ServerDiscovery, serverVersion: string | null, line: string): string {
  const cliVersion = productVersion();
  const shown = line.length > 200 ? `${line.slice(0, 200)}…` : line;
  const versions =
    serverVersion === cliVersion
      ? `The server and this CLI are both version ${cliVersion}: see the server's log.`
      : `${serverVersion === null ? 'The server did not say its version' : `The server is version ${serverVersion}`}, this CLI ${cliVersion}: ` +
        'different versions? Restart the server from this version.';
  return (
    `Error: the running server (pid ${server.pid}) sent something this CLI cannot read: ${JSON.stringify(shown)}\n` +
    `${versions} The command may still be running (or have finished) in the server: check before running it again.\n`
  );
}

function silenceMessage(server: ServerDiscovery, timeoutMs: number, started: boolean): string {
  const seconds = timeoutMs / 1000;
  const what = started
    ? `the running server (pid ${server.pid}) stopped answering: nothing for ${seconds} s. The command may still be running (or have finished) in the server: check before running it again.`
    : `the running server (pid ${server.pid}) at ${cliEndpointUrl(server)} did not answer within ${seconds} s.`;
  return (
    `Error: ${what}\n` +
    `Is it overloaded or stuck? See its log. To wait longer, set HUB_CLI_TIMEOUT_SECONDS (now ${seconds}).\n`
  );
}

/** What the relay learnt that the CLI may need after it stopped reading. */
interface RelayState {
  /** The background work the command said it waits for, last. */
  awaiting: AwaitedWork | null;
  /** Whether the command wrote to stdout. */
  outWritten: boolean;
}

interface RelayOptions {
  /** A sign of life from the server. */
  readonly stillAlive: () => void;
  /** Stopped while this CLI waits for its own reader: that wait is not the server's silence. */
  readonly reading: { stop(): void };
  readonly abort: AbortSignal;
  readonly state: RelayState;
}

/** Prints a forwarded command's output as the server streams it; its exit code ends the stream. */
async function relayForwardedEvents(
  body: ReadableStream<Uint8Array>,
  io: CliIo,
  pid: number,
  { stillAlive, reading, abort, state }: RelayOptions,
): Promise<number> {
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of body) {
    stillAlive();
    pending += decoder.decode(chunk, { stream: true });
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
      // An empty line is the server's keep-alive.
      if (line === '') continue;
      const event = parseEvent(line);
      if ('exitCode' in event) return event.exitCode;
      if ('out' in event) {
        io.out(event.out);
        if (event.out !== '') state.outWritten = true;
      } else {
        const work = event.waitingFor ?? event.awaiting;
        if (work) state.awaiting = work;
        if (event.err !== '') io.err(event.err);
      }
    }
    // The next chunk is read once stdout took this one (Ctrl+C still ends the wait).
    reading.stop();
    await untilDrainedOrAborted(io, abort);
    if (abort.aborted) throw abort.reason;
    if (readerGone(io)) throw new ReaderGone();
    stillAlive();
  }
  io.err(`Error: the running server (pid ${pid}) ended the command without an exit code\n`);
  return EXIT_FAILED;
}

function untilDrainedOrAborted(io: CliIo, abort: AbortSignal): Promise<void> {
  if (abort.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      abort.removeEventListener('abort', done);
      resolve();
    };
    abort.addEventListener('abort', done);
    void io.drained().then(done);
  });
}

function parseEvent(line: string): ForwardedEvent {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    throw new UnreadableLine(line);
  }
  const parsed = forwardedEvent.safeParse(json);
  if (!parsed.success) throw new UnreadableLine(line);
  return parsed.data;
}
