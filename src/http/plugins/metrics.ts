// Operations endpoints (SPEC §10): liveness, readiness (the database answers) and Prometheus
// metrics. Every label is bounded: a route is its template (`/v1/customers/:customerId`, never a
// URL with ids), a status one of the few the app answers, a job kind one the code registers.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '../../db/client.ts';
import {
  importRowsProcessedTotal,
  jobRunDuration,
  jobRunsTotal,
  jobTakeoversTotal,
  workerLaneBusyLoops,
  workerLaneLoops,
} from '../../jobs/job-metrics.ts';
import { jobDefinitions } from '../../jobs/registry.ts';

/**
 * How long /readyz and a scrape wait for the database. Without a bound a database that stopped
 * answering (a host gone, every pool connection busy) held the probe until the orchestrator's own
 * timeout, which reads as "the app hangs", not "the database is unavailable".
 */
export const DATABASE_CHECK_TIMEOUT_MS = 2_000;

const JOB_STATES = ['queued', 'running'] as const;

class DatabaseCheckTimeout extends Error {}

async function withinTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DatabaseCheckTimeout(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface MetricsOptions {
  readonly database: Database;
  /** The job kinds the workers know (all registered ones by default): others count as `other`. */
  readonly jobKinds?: readonly string[];
  readonly databaseTimeoutMs?: number;
}

export const metricsPlugin = fp(
  async (app: FastifyInstance, options: MetricsOptions) => {
    const { database } = options;
    const timeoutMs = options.databaseTimeoutMs ?? DATABASE_CHECK_TIMEOUT_MS;
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    for (const metric of [jobRunsTotal, jobRunDuration, importRowsProcessedTotal, jobTakeoversTotal])
      registry.registerMetric(metric);
    for (const metric of [workerLaneLoops, workerLaneBusyLoops]) registry.registerMetric(metric);

    const duration = new Histogram({
      name: 'hub_http_request_duration_seconds',
      help: 'HTTP request duration by method, route template and status (the _count is the number of requests)',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [registry],
    });
    app.addHook('onResponse', async (request, reply) => {
      duration.observe(
        {
          method: request.method,
          route: request.routeOptions.url ?? 'unmatched',
          status: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
    });

    const databaseUp = new Gauge({
      name: 'hub_database_up',
      help: 'Whether the database answered the last scrape (1) or not (0)',
      registers: [registry],
    });
    const jobs = new Gauge({
      name: 'hub_jobs',
      help: 'Jobs waiting (queued, also those backing off before a retry) or running, by kind: all workers together',
      labelNames: ['kind', 'status'],
      registers: [registry],
    });
    const oldestRunnable = new Gauge({
      name: 'hub_job_oldest_runnable_seconds',
      help: "How long the oldest runnable job has waited (0 when none): a queued job whose run_at has come, or a running one whose worker's lock expired (it died) since that expiry. Stuck or missing workers show here, and so does a customer's job waiting behind that customer's long import",
      registers: [registry],
    });
    const knownKinds = new Set(options.jobKinds ?? jobDefinitions.map((definition) => definition.kind));
    const kindLabel = (kind: string) => (knownKinds.has(kind) ? kind : 'other');

    async function collectQueue(): Promise<void> {
      const [byKind, oldest] = await withinTimeout(
        Promise.all([
          sql<{ kind: string; status: string; count: number }>`
            select kind, status, count(*)::int as count from jobs
            where status in ('queued', 'running') group by kind, status`.execute(database.db),
          sql<{ seconds: number | null }>`
            select extract(epoch from now() - min(runnable_since))::float8 as seconds from (
              select run_at as runnable_since from jobs where status = 'queued' and run_at <= now()
              union all
              -- A dead worker's job waits for a takeover from its lock's expiry (no worker left: forever).
              select locked_until from jobs where status = 'running' and locked_until < now()
            ) runnable`.execute(database.db),
        ]),
        timeoutMs,
      );
      jobs.reset();
      for (const kind of [...knownKinds, 'other'])
        for (const status of JOB_STATES) jobs.set({ kind, status }, 0);
      for (const row of byKind.rows)
        jobs.inc({ kind: kindLabel(row.kind), status: row.status }, Number(row.count));
      oldestRunnable.set(Math.max(0, oldest.rows[0]?.seconds ?? 0));
    }

    if (database.poolUsage) {
      const poolUsage = database.poolUsage;
      new Gauge({
        name: 'hub_db_pool_connections',
        help: 'PostgreSQL pool connections of this process: in_use, idle, and max (DB_POOL_SIZE)',
        labelNames: ['state'],
        registers: [registry],
        collect() {
          const usage = poolUsage();
          this.set({ state: 'in_use' }, usage.open - usage.idle);
          this.set({ state: 'idle' }, usage.idle);
          this.set({ state: 'max' }, usage.max);
        },
      });
      new Gauge({
        name: 'hub_db_pool_waiting_queries',
        help: 'Queries of this process waiting for a free PostgreSQL pool connection',
        registers: [registry],
        collect() {
          this.set(poolUsage().waiting);
        },
      });
    }

    // Probes and scrapes come every few seconds from every orchestrator and Prometheus: their
    // request lines would drown the log at info. A failing probe still logs its warning.
    const probe = { schema: { hide: true }, config: { public: true }, logLevel: 'warn' } as const;
    app.get('/healthz', probe, async () => ({ status: 'ok' }));
    app.get('/readyz', probe, async (request, reply) => {
      // A draining server (SIGTERM's lame-duck second) still answers, but a load balancer should
      // stop sending it new requests now, before its port closes. Liveness (/healthz) stays 200.
      if (app.hasDecorator('isDraining') && app.isDraining())
        return reply.status(503).send({ status: 'draining', database: database.kind });
      try {
        await withinTimeout(sql`select 1`.execute(database.db), timeoutMs);
        return { status: 'ready', database: database.kind };
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check: the database did not answer');
        return reply.status(503).send({ status: 'unavailable', database: database.kind });
      }
    });
    app.get('/metrics', probe, async (request, reply) => {
      // A database that does not answer must not take the process's own metrics down with it.
      try {
        await collectQueue();
        databaseUp.set(1);
      } catch (error) {
        databaseUp.set(0);
        // No stale queue figures beside a database that is down.
        jobs.reset();
        oldestRunnable.reset();
        request.log.warn({ err: error }, 'metrics: the job queue could not be read');
      }
      reply.header('content-type', registry.contentType);
      return registry.metrics();
    });
  },
  { name: 'metrics' },
);
