// Issue 5: users created per second over SCIM at 16 concurrent clients. Seeds a customer (default
// package template Webex Meetings, directory sync on, a SCIM token), starts a real server process,
// and lets 16 clients POST /Users until a bounded number of users exists. Prints users/s and
// latency percentiles per database.
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { openRuntime } from '../src/runtime.ts';
import { systemActor } from '../src/services/access/actor.ts';
import { createCustomer } from '../src/services/customers/customer-service.ts';
import { createScimToken, setDirectorySync } from '../src/services/scim/scim-token-service.ts';
import {
  format,
  percentile,
  pgliteTarget,
  postgresTarget,
  startServer,
  type BenchTarget,
} from './support.ts';

const CLIENTS = 16;
const USERS = Number(process.env.BENCH_SCIM_USERS ?? 2_000);
const WARMUP = 50;

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
      name: 'SCIM Bench Customer',
      externalId: 'BENCH-SCIM',
      adminEmail: 'admin@scim-bench.example',
      country: 'NL',
      packages: [{ id: 'webex_meetings' }],
    });
    await sql`update customers set default_package = 'webex_meetings', status = 'provisioned' where id = ${customer.id}::uuid`.execute(
      runtime.database.db,
    );
    await setDirectorySync(context, customer.id, true);
    const { token } = await createScimToken(context, customer.id, { name: 'bench' });
    return { customerId: customer.id, token };
  } finally {
    await runtime.close();
  }
}

function user(n: number): string {
  return JSON.stringify({
    schemas: [
      'urn:ietf:params:scim:schemas:core:2.0:User',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
    ],
    userName: `scim.user${n}@scim-bench.example`,
    externalId: `ext-${n}`,
    active: true,
    displayName: `SCIM User ${n}`,
    name: { givenName: `Given${n}`, familyName: `Family${n % 97}`, formatted: `Given${n} Family${n % 97}` },
    emails: [{ value: `scim.user${n}@scim-bench.example`, type: 'work', primary: true }],
    phoneNumbers: [{ value: '+31 20 123 4567', type: 'work' }],
    addresses: [{ type: 'work', locality: 'Amsterdam', country: 'NL' }],
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: `Dept ${n % 10}` },
  });
}

async function measure(target: BenchTarget): Promise<void> {
  const { customerId, token } = await seed(target);
  const server = await startServer(target.env);
  const url = `${server.url}/scim/v2/${customerId}/Users`;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' };
  try {
    for (let n = 0; n < WARMUP; n += 1)
      await (await fetch(url, { method: 'POST', headers, body: user(1_000_000 + n) })).arrayBuffer();
    const latencies: number[] = [];
    let errors = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < USERS) {
          const n = next;
          next += 1;
          const begin = performance.now();
          const response = await fetch(url, { method: 'POST', headers, body: user(n) });
          await response.arrayBuffer();
          latencies.push(performance.now() - begin);
          if (response.status !== 201) errors += 1;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(
      `${target.label}: ${latencies.length - errors} users created over SCIM by ${CLIENTS} clients in ${seconds.toFixed(1)} s: ` +
        `${((latencies.length - errors) / seconds).toFixed(0)} users/s, p50 ${format(percentile(latencies, 0.5))}, ` +
        `p95 ${format(percentile(latencies, 0.95))}, p99 ${format(percentile(latencies, 0.99))}, errors ${errors}`,
    );
  } finally {
    await server.stop();
    await target.cleanup();
  }
}

await measure(await pgliteTarget());
const postgres = await postgresTarget();
if (postgres) await measure(postgres);
