// Runs one CLI invocation and answers its exit code. With the embedded database held by a running
// server, the invocation is sent to that server, which runs it against its own database.
import { isStartupConfigurationError, loadConfig, type Config } from '../config.ts';
import type { Runtime } from '../runtime.ts';
import { createCliContext } from './cli-context.ts';
import { EXIT_FAILED, EXIT_OK, EXIT_REJECTED, describeError, exitCodeFor } from './exit-codes.ts';
import { forwardToServer } from './forward-to-server.ts';
import { CliInterrupted } from './interrupt-signals.ts';
import type { CliIo } from './io.ts';
import { CommanderError, buildProgram, optionsOfRunningCommand } from './program.ts';
import { awaitStartingServer } from './starting-server.ts';

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
    const forwarded = await forwardIfServerRuns(config, argv, io);
    if (forwarded !== null) return forwarded;
  }
  const cli = createCliContext(
    io,
    options.runtime
      ? async () => options.runtime as Runtime
      : async () => {
          // Imported when a command first needs it: the database clients, pino and migrations
          // are no part of `--help`, a parse error or a forwarded command (ADR 0014).
          const { createLogger, openRuntime } = await import('../runtime.ts');
          return openRuntime(
            config as Config,
            createLogger(
              { ...(config as Config), logLevel: logLevelFor(argv, config as Config) },
              process.stderr,
            ),
          );
        },
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
    // Stopped by Ctrl+C / SIGTERM: not an error, a message saying what is left to do.
    if (error instanceof CliInterrupted) {
      if (error.json) io.out(`${JSON.stringify(error.json, null, 2)}\n`);
      io.err(error.message);
      return error.exitCode;
    }
    // Start-up configuration errors read as loadConfig's above: the message alone.
    const prefix = isStartupConfigurationError(error) ? '' : 'Error: ';
    io.err(`${prefix}${describeError(error, optionsOfRunningCommand(program))}\n`);
    return exitCodeFor(error);
  } finally {
    await cli.close().catch((error: unknown) => io.err(`Error while closing: ${describeError(error)}\n`));
  }
}

/** A server holding the embedded database runs the command; on PostgreSQL this process does. */
async function forwardIfServerRuns(
  config: Config,
  argv: readonly string[],
  io: CliIo,
): Promise<number | null> {
  if (config.database.kind !== 'pglite') return null;
  if (argv.length === 0 || LOCAL_ONLY.has(argv[0] ?? '')) return null;
  const forwarded = await forwardToServer(config, argv, io);
  if (forwarded !== null) return forwarded;
  // No discovery file yet: a server may be starting, holding the data dir already.
  switch (await awaitStartingServer(config, io)) {
    case 'ready':
      return forwardToServer(config, argv, io);
    case 'still-starting':
      return EXIT_FAILED;
    case 'none':
      return null;
  }
}
