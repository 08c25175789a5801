// Every log line is one JSON object with each key once: a 4xx line named its trackingId twice
// (`{"trackingId":"WH_…","trackingId":"WH_…","status":401,…}`), which Elasticsearch rejects.
// JSON.parse keeps the last of two equal keys, so the raw line is checked.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/client.ts';
import { buildApp, type App } from '../../src/http/app.ts';
import { createLogger } from '../../src/runtime.ts';
import { ensureDeployment } from '../../src/services/bootstrap/ensure-deployment.ts';
import { createTestDatabase } from '../helpers/database.ts';

let database: Database;
let app: App;
const lines: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  await ensureDeployment(database.db, undefined);
  const config = loadConfig({ HUB_DATA_DIR: '/tmp/hub-test-unused', LOG_LEVEL: 'info' });
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  app = await buildApp({ config, database, secret: 'x'.repeat(32), logger: createLogger(config, stream) });
  await app.ready();
}, 120_000);

afterAll(async () => {
  await app.close();
  await database.close();
});

it.each([
  ['401, no token', { method: 'GET', url: '/v1/customers' }, 401],
  [
    '401, a wrong token',
    { method: 'GET', url: '/v1/customers', headers: { authorization: 'Bearer whk_wrong' } },
    401,
  ],
] as const)('a %s answer logs its trackingId once per line', async (_name, request, status) => {
  lines.length = 0;
  const response = await app.inject(request);
  expect(response.statusCode).toBe(status);
  const trackingId = String(response.headers.trackingid);
  const mine = lines.filter((line) => line.includes(trackingId));
  expect(mine.length).toBeGreaterThan(0);
  for (const line of mine) {
    expect(line.match(/"trackingId":/g), line).toHaveLength(1);
    expect((JSON.parse(line) as { trackingId: string }).trackingId).toBe(trackingId);
  }
  // The error line itself is among them, with its status.
  if (status === 401)
    expect(mine.some((line) => (JSON.parse(line) as { status?: number }).status === 401)).toBe(true);
});
