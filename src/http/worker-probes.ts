// The HTTP side of a separate `hub worker` process: /healthz, /readyz and /metrics only, so an
// orchestrator can probe the worker and Prometheus can scrape the job counters it keeps (runs by
// kind and outcome, import rows), which no other process can report for it.
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/client.ts';
import { metricsPlugin } from './plugins/metrics.ts';

export interface WorkerProbeOptions {
  readonly database: Database;
  readonly logger: FastifyBaseLogger;
  readonly host: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
}

export interface WorkerProbes {
  readonly port: number;
  close(): Promise<void>;
}

export async function startWorkerProbes(options: WorkerProbeOptions): Promise<WorkerProbes> {
  const app = Fastify({
    loggerInstance: options.logger,
    logController: new LogController({ requestIdLogLabel: 'trackingId' }),
  });
  await app.register(metricsPlugin, { database: options.database });
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () => app.close(),
  };
}
