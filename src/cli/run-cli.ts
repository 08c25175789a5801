// Runs one CLI invocation and answers its exit code. With the embedded database held by a running
// server, the invocation is sent to that server, which runs it against its own database.
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { loadConfig, type Config } from '../config.ts';
import { openRuntime, type Runtime } from '../runtime.ts';
import { discoveryFile, readDiscovery } from '../server-discovery.ts';
import { createCliContext } from './cli-context.ts';
import { EXIT_FAILED, EXIT_OK, EXIT_REJECTED, describeError, exitCodeFor } from './exit-codes.ts';
import type { CliIo, ForwardedEvent } from './io.ts';
import { CommanderError, buildProgram } from './program.ts';
import { createLogger } from '../runtime.ts';

/** Commands that must run in this process: they open the database themselves. */
const LOCAL_ONLY = new Set(['serve', 'worker', 'restore', 'migrate-to', 'help', '--help', '-h', '--version']);

/**
 * The server and the worker log at LOG_LEVEL (info by default: a line per request with its
 * trackingId, SPEC §10). A one-shot command logs only warnings: its output is for the person at
 * the terminal.
 */
const LOGGING_AT_CONFIGURED_LEVEL = new Set(['serve', 'worker']);

export function logLevelFor(argv: readonly string[], config: Config): Config['logLevel'] {
  const command = argv.find((argument) => !argument.startsWith('-'));
  return command !== undefined && LOGGING_AT_CONFIGURED_LEVEL.has(command) ? config.logLevel : 'warn';
}

export interface RunCliOptions {
  /** Set when a server runs a forwarded invocation with its own runtime. */
  readonly runtime?: Runtime;
}

export async function runCli(
  argv: readonly string[],
  io: CliIo,
  options: RunCliOptions = {},
): Promise<number> {
  let config: Config | undefined;
  if (!options.runtime) {
    try {
      config = loadConfig();
    } catch (error) {
      io.err(`${describeError(error)}\n`);
      return EXIT_REJECTED;
    }
    const forwarded = await forwardToServer(config, argv, io);
    if (forwarded !== null) return forwarded;
  }
  const cli = createCliContext(
    io,
    options.runtime
      ? async () => options.runtime as Runtime
      : async () =>
          openRuntime(
            config as Config,
            createLogger(
              { ...(config as Config), logLevel: logLevelFor(argv, config as Config) },
              process.stderr,
            ),
          ),
    !options.runtime,
  );
  const program = buildProgram(cli, io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with exit code 0; parse errors are rejected input.
      return error.exitCode === 0 ? EXIT_OK : EXIT_REJECTED;
    }
    io.err(`Error: ${describeError(error)}\n`);
    return exitCodeFor(error);
  } finally {
    await cli.close().catch((error: unknown) => io.err(`Error while closing: ${describeError(error)}\n`));
  }
}

async function forwardToServer(config: Config, argv: readonly string[], io: CliIo): Promise<number | null> {
  if (config.database.kind !== 'pglite') return null;
  if (argv.length === 0 || LOCAL_ONLY.has(argv[0] ?? '')) return null;
  const server = await readDiscovery(config.dataDir);
  if (!server) return null;
  try {
    const response = await fetch(`${server.url}/internal/cli`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-cli-secret': server.cliSecret },
      body: JSON.stringify({ argv, cwd: io.cwd, interactive: io.interactive }),
    });
    if (!response.ok || !response.body) {
      io.err(`Error: the running server (pid ${server.pid}) refused the command: HTTP ${response.status}\n`);
      return EXIT_FAILED;
    }
    return await relayForwardedEvents(response.body, io, server.pid);
  } catch (error) {
    // fetch says only "fetch failed"; the reason (ECONNREFUSED, …) is its cause.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
    const reason = (cause as NodeJS.ErrnoException | undefined)?.code ?? describeError(cause ?? error);
    io.err(
      `Error: a server (pid ${server.pid}) holds the embedded database in ${config.dataDir} but did not answer at ${server.url} (${reason}).\n` +
        `If no hub server runs, pid ${server.pid} is another process now: remove ${discoveryFile(config.dataDir)} and run the command again.\n`,
    );
    return EXIT_FAILED;
  }
}

/** Prints a forwarded command's output as the server streams it; its exit code ends the stream. */
async function relayForwardedEvents(
  body: ReadableStream<Uint8Array>,
  io: CliIo,
  pid: number,
): Promise<number> {
  const lines = createInterface({ input: Readable.fromWeb(body as NodeReadableStream<Uint8Array>) });
  for await (const line of lines) {
    if (line === '') continue;
    const event = JSON.parse(line) as ForwardedEvent;
    if ('exitCode' in event) return event.exitCode;
    if ('out' in event) io.out(event.out);
    else io.err(event.err);
  }
  io.err(`Error: the running server (pid ${pid}) ended the command without an exit code\n`);
  return EXIT_FAILED;
}
