// The endpoint for a CLI invocation sent by `bin/hub` while `hub serve` holds the embedded database
// (ADR 0051): it runs the command and streams its output back as NDJSON, with keep-alive lines as
// often as the CLI asked (ADR 0070), and names its version for a CLI that cannot read it.
// It is served only by the server's own loopback listener (127.0.0.1, a port of the OS's choosing,
// named in the discovery file: cli-listener.ts, ADR 0081), never by the main HTTP app, which listens
// on HOST (every interface by default) and often sits behind a reverse proxy. A proxy on this
// machine connects from loopback for anyone; it does not reach a port nobody told it about. The
// checks below stay as defence in depth: the TCP peer must be loopback and no proxy may have
// forwarded the request, and the caller must hold the 192-bit secret of the discovery file
// (readable by the data dir's owner only): a leaked one would run any command, reading files.
import { isIP } from 'node:net';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { productVersion } from '../project-paths.ts';
import { safeEqual } from '../services/auth/secrets.ts';
import { FORWARDED_CLI_PATH, SERVER_VERSION_HEADER } from './forward-to-server.ts';
import { forwardedCommandStream } from './forwarded-command-stream.ts';
import type { CliIo } from './io.ts';

export interface ForwardedCliRouteOptions {
  /** The secret of the discovery file: only a CLI that can read the data dir may run commands. */
  readonly cliSecret: string;
  /** Runs one invocation with the server's runtime and answers its exit code. */
  readonly run: (argv: readonly string[], io: CliIo) => Promise<number>;
  /** Aborted when the server begins to stop: passed to each command's io (`CliIo.stopping`). */
  readonly stopping?: AbortSignal | undefined;
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (a dual-stack socket reports ::ffff:127.0.0.1). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const bare = address.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1' || bare === '0:0:0:0:0:0:0:1';
}

/** Headers a reverse proxy adds: a proxy on this machine connects from loopback for anyone. */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

/**
 * The TCP peer itself, not `request.ip`, which TRUST_PROXY lets a client name in X-Forwarded-For.
 * Anyone else is answered as if the route did not exist.
 */
function onlyLocalCallers(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  const peer = request.socket.remoteAddress;
  const proxied = FORWARDING_HEADERS.some((name) => request.headers[name] !== undefined);
  if (isLoopbackAddress(peer) && !proxied) return done();
  request.log.warn({ peer, proxied }, 'refused a forwarded CLI command from outside this machine');
  reply.callNotFound();
}

/** What the route needs of its Fastify instance: zod schemas as the type provider, nothing else. */
export type ForwardedCliApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export function registerForwardedCliRoute(app: ForwardedCliApp, options: ForwardedCliRouteOptions): void {
  app.post(
    FORWARDED_CLI_PATH,
    {
      schema: {
        body: z.object({
          argv: z.array(z.string()),
          cwd: z.string(),
          interactive: z.boolean().default(false),
          /** The CLI's terminal width, when its stdout is a terminal (lists are tables then). */
          outColumns: z.number().int().min(20).max(1000).optional(),
          /** How often to send a keep-alive line while the command runs (the CLI's timeout / 3). */
          keepAliveMs: z.number().int().positive().optional(),
        }),
      },
      // Before the body is read or the secret compared.
      onRequest: onlyLocalCallers,
    },
    async (request, reply) => {
      const given = request.headers['x-hub-cli-secret'];
      if (typeof given !== 'string' || !safeEqual(given, options.cliSecret))
        return reply.status(403).send({ message: 'Forbidden' });
      // NDJSON, one event per write, so the CLI prints output (and progress) as it comes.
      const { argv, cwd, interactive, keepAliveMs, outColumns } = request.body;
      const events = forwardedCommandStream((io) => options.run(argv, io), {
        cwd,
        interactive,
        outColumns,
        keepAliveMs,
        stopping: options.stopping,
        onAbandoned: () =>
          request.log.info(
            {
              command: argv
                .filter((argument) => !argument.startsWith('-'))
                .slice(0, 2)
                .join(' '),
            },
            'the CLI stopped waiting for its forwarded command; the command runs on in the server',
          ),
      });
      // A keep-alive line at once sends the headers: a CLI that leaves before the command's first
      // output is then a stream closed early (logged at info), not an error of the route.
      events.write('\n');
      // One command per connection (each `bin/hub` is a process of its own): a connection kept
      // alive after the exit code would hold the listener's close() at shutdown for the
      // keep-alive timeout, as its headers went out before the server began to close.
      return reply
        .type('application/x-ndjson')
        .header(SERVER_VERSION_HEADER, productVersion())
        .header('connection', 'close')
        .send(events);
    },
  );
}
