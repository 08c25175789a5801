// SPEC §11: the user list of a customer with 100,000 users, p99 < 20 ms at 50 concurrent clients.
// Seeds the users with one INSERT … SELECT, starts a real server process, and drives it with 50
// concurrent clients (first pages, pages after a random cursor, email searches) for a bounded
// number of requests. Prints p50 / p95 / p99 / max, requests per second and the server's CPU time
// a request per database, and on PostgreSQL the CPU time of its server processes (backends) for
// this database a request: the page's JSON is written there (ADR 0068).
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { openRuntime } from '../src/runtime.ts';
import { systemActor } from '../src/services/access/actor.ts';
import { createCustomer } from '../src/services/customers/customer-service.ts';
import { encodeCursor } from '../src/services/paging.ts';
import { insertApiToken } from '../src/db/repositories/credentials.ts';
import { API_TOKEN_PREFIX, hashToken, randomToken } from '../src/services/auth/secrets.ts';
import pino from 'pino';
import {
  format,
  percentile,
  pgliteTarget,
  processCpuMs,
  postgresTarget,
  startServer,
  type BenchTarget,
} from './support.ts';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const CLIENTS = 50;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);

async function seed(target: BenchTarget): Promise<{ customerId: string; token: string }> {
  const config = loadConfig({ ...process.env, ...target.env, LOG_LEVEL: 'warn' });
  const runtime = await openRuntime(config, pino({ level: 'warn' }));
  try {
    const partnerId = runtime.deployment.defaultPartner.id;
    const context = {
      db: runtime.database.db,
      actor: systemActor(partnerId),
      requestId: 'bench',
      locale: 'en' as const,
    };
    const customer = await createCustomer(context, {
      name: 'Bench Customer',
      externalId: 'BENCH-1',
      adminEmail: 'admin@bench.example',
      country: 'NL',
      packages: [{ id: 'webex_meetings' }, { id: 'webex_voice' }],
    });
    const started = performance.now();
    await sql`
      insert into users (customer_id, email, first_name, last_name, package, basic_messaging, basic_space_meetings, calling_from_webex, preferred_webex_site)
      select ${customer.id}::uuid, 'user' || lpad(n::text, 6, '0') || '@bench.example', 'First' || n, 'Last' || (n % 997),
             case when n % 3 = 0 then 'webex_voice' else 'webex_meetings' end, true, true, true, 'bench.webex.com'
      from generate_series(1, ${USERS}) as n`.execute(runtime.database.db);
    await sql`analyze users`.execute(runtime.database.db);
    console.log(`${target.label}: seeded ${USERS} users in ${format(performance.now() - started)}`);
    const token = randomToken(API_TOKEN_PREFIX);
    await insertApiToken(runtime.database.db, {
      partnerId,
      customerId: null,
      createdBy: null,
      name: 'bench',
      role: 'operator',
      tokenHash: hashToken(token),
      prefix: token.slice(0, 10),
      expiresAt: null,
    });
    return { customerId: customer.id, token };
  } finally {
    await runtime.close();
  }
}

function randomRequest(customerId: string): string {
  const base = `/v1/customers/${customerId}/users`;
  const n = 1 + Math.floor(Math.random() * USERS);
  const email = `user${String(n).padStart(6, '0')}@bench.example`;
  switch (n % 3) {
    case 0:
      return `${base}?max=50`;
    case 1:
      return `${base}?max=50&cursor=${encodeCursor({ key: email, id: '00000000-0000-0000-0000-000000000000' })}`;
    default:
      return `${base}?max=50&search=${email.slice(0, 8)}`;
  }
}

/**
 * CPU time so far of the PostgreSQL backends serving this database (the server's pool), read from
 * /proc: PostgreSQL runs on this machine. Null on PGlite (it runs inside the server process).
 */
async function postgresBackendsCpu(target: BenchTarget): Promise<(() => number) | null> {
  const url = target.env.DATABASE_URL;
  if (!url) return null;
  const admin = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
  try {
    const { rows } = await sql<{ pid: number }>`
      select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`.execute(
      admin.db,
    );
    const pids = rows.map((row) => row.pid);
    return () => pids.reduce((sum, pid) => sum + (processCpuMs(pid) ?? 0), 0);
  } finally {
    await admin.close();
  }
}

async function measure(target: BenchTarget): Promise<void> {
  const { customerId, token } = await seed(target);
  const server = await startServer(target.env);
  const headers = { authorization: `Bearer ${token}` };
  try {
    // Warmed by all clients at once, so the server's pool has opened its connections (whose
    // PostgreSQL processes are measured) before the run.
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let warm = 0; warm < 4; warm += 1)
          await (await fetch(server.url + randomRequest(customerId), { headers })).arrayBuffer();
      }),
    );
    const latencies: number[] = [];
    let errors = 0;
    let issued = 0;
    const databaseCpu = await postgresBackendsCpu(target);
    const databaseCpuBefore = databaseCpu?.() ?? 0;
    const cpuBefore = processCpuMs(server.child.pid);
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (issued < REQUESTS) {
          issued += 1;
          const begin = performance.now();
          const response = await fetch(server.url + randomRequest(customerId), { headers });
          await response.arrayBuffer();
          latencies.push(performance.now() - begin);
          if (!response.ok) errors += 1;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = processCpuMs(server.child.pid);
    const databaseCpuPerRequest = databaseCpu
      ? `, PostgreSQL CPU ${((databaseCpu() - databaseCpuBefore) / latencies.length).toFixed(2)} ms a request`
      : '';
    const cpuPerRequest =
      cpuBefore !== null && cpuAfter !== null
        ? `, server CPU ${((cpuAfter - cpuBefore) / latencies.length).toFixed(2)} ms a request`
        : '';
    latencies.sort((a, b) => a - b);
    console.log(
      `${target.label}: ${latencies.length} requests, ${CLIENTS} clients, ${(latencies.length / seconds).toFixed(0)} req/s, ` +
        `p50 ${format(percentile(latencies, 0.5))}, p95 ${format(percentile(latencies, 0.95))}, ` +
        `p99 ${format(percentile(latencies, 0.99))}, max ${format(latencies[latencies.length - 1] ?? 0)}, errors ${errors}${cpuPerRequest}${databaseCpuPerRequest}` +
        ` (target p99 < 20 ms)`,
    );
  } finally {
    await server.stop();
    await target.cleanup();
  }
}

// BENCH_TARGETS=postgres (or pglite) measures one database only; both by default.
const targets = (process.env.BENCH_TARGETS ?? 'pglite,postgres').split(',');
if (targets.includes('pglite')) await measure(await pgliteTarget());
const postgres = targets.includes('postgres') ? await postgresTarget() : null;
if (postgres) await measure(postgres);
