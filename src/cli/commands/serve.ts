// `hub serve [--demo]` and `hub worker`: the long-running processes.
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { loadConfig, requirePublicUrlForEmail, requireWorkerForEmbeddedDatabase } from '../../config.ts';
import type { Runtime } from '../../runtime.ts';
import { removeDiscovery, writeDiscovery } from '../../server-discovery.ts';
import type { DemoCredentials } from '../../services/bootstrap/seed-demo.ts';
import type { CliContext } from '../cli-context.ts';
import { CliUsageError } from '../exit-codes.ts';
import type { CliListener } from '../cli-listener.ts';
import { openServiceRuntime } from '../wait-for-one-shot-command.ts';

/**
 * The server's and the worker's code (Fastify and its plugins, the job handlers), imported when
 * `serve` or `worker` runs: every `hub` command registers this file, and loading Fastify alone
 * took longer than most commands run (ADR 0014).
 */
async function serverModules() {
  const [app, probes, worker, registry, demo, listener] = await Promise.all([
    import('../../http/app.ts'),
    import('../../http/worker-probes.ts'),
    import('../../jobs/worker.ts'),
    import('../../jobs/registry.ts'),
    import('../../services/bootstrap/seed-demo.ts'),
    import('../cli-listener.ts'),
  ]);
  return {
    buildApp: app.buildApp,
    startWorkerProbes: probes.startWorkerProbes,
    startWorker: worker.startWorker,
    jobDefinitions: registry.jobDefinitions,
    seedDemo: demo.seedDemo,
    startCliListener: listener.startCliListener,
  };
}

/** How long a stopping server waits for the requests it is still handling. */
const SHUTDOWN_DRAIN_MS = 10_000;

/**
 * How long a stopping server goes on answering before it closes its port, every answer with
 * `Connection: close`: closing at once reset requests just sent on keep-alive connections
 * (ECONNRESET, 4 of 10 in flight). docs/operations.md: leave the load balancer first.
 */
const SHUTDOWN_LAME_DUCK_MS = 1_000;

function portOption(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535)
    throw new CliUsageError(`--probe-port must be a port number (0–65535), e.g. 9464; got "${value}".`);
  return Number(value);
}

/**
 * Node says `listen EADDRINUSE: address already in use 0.0.0.0:3000`: say which setting to change
 * and how, as a wrong value in the environment is reported (docs/operations.md).
 */
export function describeListenFailure(
  error: unknown,
  host: string,
  port: number,
  /** Where the port came from: `hub worker --probe-port` is no PORT to set. */
  portSetting: 'PORT' | '--probe-port' = 'PORT',
): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const otherPort = portSetting === 'PORT' ? (port === 3000 ? 3001 : 3000) : port === 9464 ? 9465 : 9464;
  const setPort =
    portSetting === 'PORT'
      ? `set PORT to a free port, e.g. PORT=${otherPort}`
      : `give --probe-port a free port, e.g. --probe-port ${otherPort}`;
  const setHigherPort =
    portSetting === 'PORT'
      ? 'Set PORT to a higher port, e.g. PORT=3000'
      : 'Give --probe-port a higher port, e.g. --probe-port 9464';
  const reason =
    code === 'EADDRINUSE'
      ? `port ${port} is already in use by another process. Stop that process, or ${setPort}.`
      : code === 'EACCES'
        ? `this user may not listen on port ${port} (ports below 1024 need privileges). ${setHigherPort}.`
        : code === 'EADDRNOTAVAIL'
          ? `HOST=${host} is not an address of this machine. Set HOST to one of its addresses, or HOST=0.0.0.0 for all of them.`
          : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
            ? `HOST=${host} is not a name or address this machine can resolve. Set HOST to an address of this machine, e.g. HOST=0.0.0.0 (all) or HOST=127.0.0.1 (this machine only).`
            : null;
  if (reason === null) return error;
  return new Error(`Cannot listen on ${host}:${port}: ${reason}`, { cause: error });
}

/**
 * On the embedded database this process alone holds the data dir (ADR 0052): a job still running
 * is a dead process's (kill -9, the OOM killer, a power cut). Its worker takes it over now, as the
 * takeover it is, instead of JOB_LOCK_SECONDS after that process's last heartbeat (a restarted
 * server resumed a killed import after 60 s). A one-shot CLI leaves them: it may only be looking.
 */
async function takeOverJobsOfDeadProcess(runtime: Runtime): Promise<void> {
  if (runtime.database.kind !== 'pglite') return;
  const { expireLocksOfDeadProcess } = await import('../../jobs/queue.ts');
  const jobs = await expireLocksOfDeadProcess(runtime.database.db);
  if (jobs > 0)
    runtime.logger.warn(
      { jobs },
      'jobs left running by a process that stopped without releasing them (killed, crashed): taken over now',
    );
}

function waitForShutdown(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => resolve(signal);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/**
 * What `serve` prints after "is running at": with --demo the sign-in, or why there is none (the
 * seed adds demo data to an empty database only; one holding other data got no word before).
 */
export function demoBanner(url: string, credentials: DemoCredentials | null, demo = true): string {
  if (!demo) return '';
  if (!credentials)
    return (
      '  --demo: no demo data was added: this database already holds data that --demo did not add.\n' +
      '  For the demo, start with an empty data dir (HUB_DATA_DIR=./demo-data, default ./data).\n'
    );
  return [
    '',
    '  Demo data is ready:',
    `    Sign in:   ${url}  as  ${credentials.email}  /  ${credentials.password}`,
    `    API token: ${credentials.token}`,
    `    Try:       curl -H "Authorization: Bearer ${credentials.token}" ${url}/v1/customers`,
    `    API docs:  ${url}/docs`,
    '',
  ].join('\n');
}

export async function serve(
  runtime: Runtime,
  options: { demo: boolean; out: (text: string) => void },
): Promise<void> {
  const { config, database, deployment, logger } = runtime;
  const { buildApp, jobDefinitions, seedDemo, startCliListener, startWorker } = await serverModules();
  const credentials = options.demo ? await seedDemo(runtime) : null;
  const app = await buildApp({ config, database, secret: deployment.secret, logger });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    // E.g. the port is taken: stop here, with nothing left running that would keep the process.
    await app.close();
    throw describeListenFailure(error, config.host, config.port);
  }
  // Runs CLI invocations sent by `bin/hub` while this server holds the embedded database, on a
  // loopback listener of its own: the main app, on HOST and perhaps behind a proxy, has no such
  // route (ADR 0081). With PostgreSQL the CLI opens the database itself: no listener then.
  const cliSecret = randomBytes(24).toString('base64url');
  let cliListener: CliListener | null = null;
  if (database.kind === 'pglite') {
    try {
      cliListener = await startCliListener({
        cliSecret,
        logger,
        run: async (argv, io) => {
          const { runCli } = await import('../run-cli.ts');
          return runCli(argv, io, { runtime });
        },
      });
    } catch (error) {
      await app.close();
      throw error;
    }
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl ?? `http://${displayHost(config.host)}:${port}`;
  if (cliListener) {
    try {
      await writeDiscovery(config.dataDir, {
        pid: process.pid,
        url: `http://127.0.0.1:${port}`,
        cliUrl: cliListener.url,
        cliSecret,
      });
    } catch (error) {
      // Without the file no CLI finds this server, and each would fail on the data dir it holds:
      // stop, with nothing left open that would keep the process (exit 1, the reason printed).
      await Promise.all([app.close(), cliListener.close()]);
      throw error;
    }
  }
  // Started only once the server listens and can be found: a worker left running by a failed
  // start would keep the process alive, polling a database that is being closed.
  if (config.inlineWorker) await takeOverJobsOfDeadProcess(runtime);
  const worker = config.inlineWorker
    ? startWorker({ db: database.db, logger, definitions: jobDefinitions, sharesPoolWithHttp: true })
    : null;
  options.out(
    `Wholesale Hub is running at ${url} (${database.kind === 'pglite' ? `${runtime.createdDatabase ? 'a new ' : ''}embedded database in ${config.dataDir}` : 'PostgreSQL'})\n`,
  );
  options.out(demoBanner(url, credentials, options.demo));
  const signal = await waitForShutdown();
  logger.info({ signal }, 'shutting down');
  await stopServing({ app, cliListener, worker, logger, dataDir: config.dataDir });
}

/** What a running server stops, as `stopServing` uses it. */
export interface ServingParts {
  readonly app: {
    close(): Promise<unknown>;
    drainRequests(timeoutMs: number): Promise<boolean>;
    beginDraining?(): void;
  };
  readonly cliListener: Pick<CliListener, 'close' | 'drain'> | null;
  readonly worker: { stop(): Promise<void> } | null;
  readonly logger: Pick<Runtime['logger'], 'warn'>;
  readonly dataDir: string;
}

/**
 * The shutdown after the signal. The discovery file goes first, before the listeners close: a CLI
 * run during the drain then finds no server and opens the database itself, or says it is in use,
 * instead of dialling a closing server that does not answer. Only this process's entry is removed.
 */
export async function stopServing(parts: ServingParts): Promise<void> {
  const { app, cliListener, worker, logger } = parts;
  if (cliListener) await removeDiscovery(parts.dataDir, process.pid);
  if (app.beginDraining) {
    app.beginDraining();
    await new Promise((resolve) => setTimeout(resolve, SHUTDOWN_LAME_DUCK_MS));
  }
  await Promise.all([app.close(), cliListener?.close()]);
  // close() does not wait for handlers whose clients left, nor for a forwarded command whose CLI
  // left (it runs on in the server); the database closes after them.
  const [drained, cliDrained] = await Promise.all([
    app.drainRequests(SHUTDOWN_DRAIN_MS),
    cliListener?.drain(SHUTDOWN_DRAIN_MS) ?? true,
    worker?.stop(),
  ]);
  if (!drained) logger.warn({ waitedMs: SHUTDOWN_DRAIN_MS }, 'requests still running at shutdown');
  if (!cliDrained)
    logger.warn({ waitedMs: SHUTDOWN_DRAIN_MS }, 'forwarded CLI commands still running at shutdown');
}

export function registerServeCommands(program: Command, cli: CliContext): void {
  program
    .command('serve')
    .description('Run the HTTP server (and, unless HUB_WORKER=off, the background worker)')
    .option('--demo', 'add demo data to an empty database and print the sign-in', false)
    .addHelpText(
      'after',
      [
        '',
        'Environment: PORT (default 3000), HOST (default 0.0.0.0), HUB_PUBLIC_URL (the URL in emails',
        'and links; required with SMTP_URL), HUB_WORKER=off (run "hub worker" processes instead;',
        'needs DATABASE_URL), LOG_LEVEL (default info), HUB_DATA_DIR or DATABASE_URL. Stop with',
        'Ctrl+C or SIGTERM.',
        '',
        'Examples:',
        '  hub serve --demo',
        '  DATABASE_URL=postgres://hub:secret@db.internal:5432/hub PORT=8080 HUB_WORKER=off hub serve',
      ].join('\n'),
    )
    .action(async (options: { demo: boolean }) => {
      // Before the database opens: a start refused for its configuration changes nothing.
      const config = loadConfig();
      requirePublicUrlForEmail(config);
      requireWorkerForEmbeddedDatabase(config);
      // The server's code is imported while the database opens, as it was when imported statically;
      // a command that holds the data dir (a script's next line, quicker to open it) ends first.
      const [runtime] = await Promise.all([openServiceRuntime(cli, config), serverModules()]);
      await serve(runtime, { demo: options.demo, out: cli.io.out });
    });

  program
    .command('worker')
    .description('Run a background worker only (for deployments with separate worker processes)')
    .option(
      '--probe-port <port>',
      "also serve /healthz, /readyz and /metrics (this worker's job counters) on this port, at HOST",
      portOption,
    )
    .addHelpText(
      'after',
      [
        '',
        'Beside servers: set DATABASE_URL (PostgreSQL) and start the servers with HUB_WORKER=off; run',
        'as many workers as you like. On the embedded database a server runs the jobs itself and holds',
        'the data dir, so no worker runs beside it; a worker alone there runs queued jobs (an import',
        'started with --no-wait) while no server does.',
        'Environment: DATABASE_URL or HUB_DATA_DIR, JOB_LOCK_SECONDS (default 60), WORKER_CUSTOMER_LOOPS',
        '(default 2), DB_POOL_SIZE (default 10), LOG_LEVEL (default info), HOST (for --probe-port),',
        'HUB_PUBLIC_URL (required with SMTP_URL). Stop with Ctrl+C or SIGTERM: a running import goes',
        'back to the queue at its next batch and the next worker resumes it.',
        '',
        'Examples:',
        '  DATABASE_URL=postgres://hub:secret@db.internal:5432/hub hub worker --probe-port 9464',
      ].join('\n'),
    )
    .action(async (options: { probePort?: number }) => {
      const config = loadConfig();
      requirePublicUrlForEmail(config);
      const [runtime, { jobDefinitions, startWorker, startWorkerProbes }] = await Promise.all([
        openServiceRuntime(cli, config),
        serverModules(),
      ]);
      const probes =
        options.probePort === undefined
          ? null
          : await startWorkerProbes({
              database: runtime.database,
              logger: runtime.logger,
              host: runtime.config.host,
              port: options.probePort,
            }).catch((error: unknown) => {
              throw describeListenFailure(error, runtime.config.host, options.probePort ?? 0, '--probe-port');
            });
      await takeOverJobsOfDeadProcess(runtime);
      const worker = startWorker({
        db: runtime.database.db,
        logger: runtime.logger,
        definitions: jobDefinitions,
      });
      const listening = probes ? ` Probes and metrics on port ${probes.port}.` : '';
      cli.io.err(`Worker ${worker.id} is running.${listening} Press Ctrl+C to stop.\n`);
      await waitForShutdown();
      await worker.stop();
      await probes?.close();
    });
}

/**
 * The host of the URL the server says it runs at: the one it listens on (HOST=127.0.0.1 printed
 * localhost, which may resolve to ::1 where nothing listens); all interfaces: localhost.
 */
export function displayHost(host: string): string {
  if (host === '' || host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
