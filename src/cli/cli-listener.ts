// The listener of `hub serve` for CLI commands forwarded by `bin/hub` (ADR 0081): a Fastify
// instance of its own with only the forwarding route, bound to the loopback address on a port the
// OS picks, started only while the server holds the embedded database and named in the discovery
// file. The main HTTP app listens on HOST (every interface by default) and may sit behind a
// reverse proxy on this machine, which connects from loopback on behalf of anyone: it does not
// serve the route at all, so nothing a proxy or a firewall rule exposes leads to it.
import type { AddressInfo } from 'node:net';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { requestDrainPlugin } from '../http/plugins/request-drain.ts';
import {
  registerForwardedCliRoute,
  type ForwardedCliApp,
  type ForwardedCliRouteOptions,
} from './forwarded-cli-route.ts';

export interface CliListenerOptions extends ForwardedCliRouteOptions {
  /** The server's logger, so that the listener's requests are logged with the rest; none in tests. */
  readonly logger?: FastifyBaseLogger | undefined;
}

export interface CliListener {
  /** What the discovery file names, e.g. http://127.0.0.1:41234. */
  readonly url: string;
  /** The address the socket is bound to, as the OS reports it. */
  readonly address: AddressInfo;
  /**
   * Stops taking requests; resolves once the connections closed (see `drain`). A command that
   * waits for a job (an import) stops waiting at once (`CliIo.stopping`), tells its CLI that the
   * job goes back to the queue and how to follow it, and ends with exit 1: without that, the
   * command held its connection, and so this close() and the worker's stop behind it, until the
   * job ended (2 min 17 s for 100,000 rows instead of the 10 s docs/operations.md promises).
   */
  close(): Promise<void>;
  /**
   * Resolves true once no forwarded command runs any more, or false when `timeoutMs` passed first.
   * Call it after close(). A command whose CLI left (Ctrl+C, its own timeout) runs on in the server
   * with its connection gone: waiting for the requests alone would close the database under it.
   */
  drain(timeoutMs: number): Promise<boolean>;
}

/**
 * A JSON body of argv, cwd and two flags: argv is bounded by the OS's ARG_MAX (2 MiB on Linux), and
 * files travel as paths, not content.
 */
const BODY_LIMIT_BYTES = 4 * 1024 * 1024;

/**
 * IPv4 loopback first: it is what every machine has. Without it (an IPv6-only container) the
 * listener falls back to ::1 rather than failing the start: the CLI dials whatever URL the
 * discovery file names and the route's guard accepts ::1, so the fallback is as private as
 * 127.0.0.1, and a server that cannot start over a CLI convenience would be worse.
 */
const LOOPBACK_HOSTS = ['127.0.0.1', '::1'] as const;

/** The commands running, so that shutdown waits for them before the database closes. */
function runningCommands() {
  const running = new Set<Promise<number>>();
  return {
    track(command: Promise<number>): Promise<number> {
      running.add(command);
      const forget = () => running.delete(command);
      command.then(forget, forget);
      return command;
    },
    settled(timeoutMs: number): Promise<boolean> {
      if (running.size === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        void Promise.allSettled([...running]).then(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
}

/** The listener's app, not listening: tests inject requests into it. */
export function buildCliListenerApp(options: CliListenerOptions): Promise<ForwardedCliApp> {
  return buildApp(options, runningCommands());
}

async function buildApp(
  options: CliListenerOptions,
  commands: ReturnType<typeof runningCommands>,
): Promise<ForwardedCliApp> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    logController: new LogController({ requestIdLogLabel: 'trackingId' }),
    bodyLimit: BODY_LIMIT_BYTES,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Closes connections of answers finished while closing, and counts requests still in flight.
  await app.register(requestDrainPlugin);
  registerForwardedCliRoute(app, {
    cliSecret: options.cliSecret,
    stopping: options.stopping,
    run: (argv, io) => commands.track(options.run(argv, io)),
  });
  return app;
}

function urlOf(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/** Listens on the loopback address (see LOOPBACK_HOSTS), on a port the OS picks. */
export async function startCliListener(options: CliListenerOptions): Promise<CliListener> {
  const failures: string[] = [];
  let firstError: unknown;
  for (const host of LOOPBACK_HOSTS) {
    const commands = runningCommands();
    const stopping = new AbortController();
    const app = await buildApp({ ...options, stopping: stopping.signal }, commands);
    try {
      // Not Fastify's "Server listening at …": beside the main app's lines, an operator read a
      // third address on a random port as a server of unknown purpose.
      await app.listen({
        host,
        port: 0,
        listenTextResolver: (address) =>
          `Listening for bin/hub's CLI commands at ${address} (this machine only; not the API)`,
      });
    } catch (error) {
      await app.close();
      firstError ??= error;
      failures.push(`${host}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      continue;
    }
    const address = app.server.address() as AddressInfo;
    return {
      url: urlOf(address),
      address,
      close: () => {
        stopping.abort();
        return app.close();
      },
      drain: async (timeoutMs) => {
        const [requests, running] = await Promise.all([
          app.drainRequests(timeoutMs),
          commands.settled(timeoutMs),
        ]);
        return requests && running;
      },
    };
  }
  throw new Error(
    `Cannot listen for CLI commands on this machine's loopback address (${failures.join('; ')}). ` +
      'hub serve needs 127.0.0.1 or ::1 while it holds the embedded database: check that the loopback interface is up.',
    { cause: firstError },
  );
}
