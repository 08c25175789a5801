// An in-process app on a fresh test database, with a worker the test drives (`drainJobs`) and
// ready-made tokens: the operator, and full/read-only admins of a "home" partner.
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/client.ts';
import { buildApp, type App } from '../../src/http/app.ts';
import { createWorker, type Worker } from '../../src/jobs/worker.ts';
import { jobDefinitions } from '../../src/jobs/registry.ts';
import { ensureDeployment } from '../../src/services/bootstrap/ensure-deployment.ts';
import { createTestDatabase } from './database.ts';
import { createApiToken, createPartner } from './factories.ts';

export interface TestApp {
  readonly app: App;
  readonly database: Database;
  /** The deployment's default partner. */
  readonly defaultPartnerId: string;
  /** A partner for the test's own data, with these tokens. */
  readonly partnerId: string;
  readonly tokens: { operator: string; partnerFull: string; partnerReadonly: string };
  /** Runs every queued background job now. */
  drainJobs(): Promise<number>;
  /** Headers for a bearer token. */
  auth(token: string): { authorization: string };
}

export interface TestAppOptions {
  readonly env?: Record<string, string>;
  /** A built web app of the test's own; without it, web/dist when a build is there. */
  readonly webRoot?: string;
}

export async function createTestApp(
  options: TestAppOptions = {},
): Promise<TestApp & { close(): Promise<void> }> {
  const database = await createTestDatabase();
  const config = loadConfig({
    HUB_DATA_DIR: '/tmp/hub-test-unused',
    LOG_LEVEL: 'silent',
    // Every simulated client of a test file (many tokens, roles, tenants) sends from 127.0.0.1: a
    // per-IP API limit would cap the whole file. Per token the limit still holds; the rate-limit
    // tests set their own numbers.
    RATE_LIMIT_API_PER_IP_PER_MINUTE: '1000000',
    ...options.env,
  });
  const deployment = await ensureDeployment(database.db, undefined);
  const app = await buildApp({
    config,
    database,
    secret: deployment.secret,
    ...(options.webRoot === undefined ? {} : { webRoot: options.webRoot }),
  });
  await app.ready();
  const partnerId = await createPartner(database.db, 'Home Partner');
  const worker: Worker = createWorker({
    db: database.db,
    logger: pino({ level: 'silent' }),
    definitions: jobDefinitions,
  });
  const tokens = {
    operator: await createApiToken(database.db, {
      partnerId: deployment.defaultPartner.id,
      role: 'operator',
    }),
    partnerFull: await createApiToken(database.db, { partnerId, role: 'partner_full_admin' }),
    partnerReadonly: await createApiToken(database.db, { partnerId, role: 'partner_readonly_admin' }),
  };
  return {
    app,
    database,
    defaultPartnerId: deployment.defaultPartner.id,
    partnerId,
    tokens,
    drainJobs: () => worker.drain(),
    auth: (token) => ({ authorization: `Bearer ${token}` }),
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** One app for the whole test file. */
export function useTestApp(options: TestAppOptions = {}): () => TestApp {
  let testApp: (TestApp & { close(): Promise<void> }) | undefined;
  beforeAll(async () => {
    testApp = await createTestApp(options);
  });
  afterAll(async () => {
    await testApp?.close();
  });
  return () => {
    if (!testApp) throw new Error('The test app exists only inside tests and hooks');
    return testApp;
  };
}
