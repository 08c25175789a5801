// `serve --demo` on PostgreSQL: nothing else creates the data dir there, and the demo seed keeps
// its credentials file in it (read again by the next start, which finds the data seeded).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { Runtime } from '../../src/runtime.ts';
import { ensureDeployment } from '../../src/services/bootstrap/ensure-deployment.ts';
import { seedDemo } from '../../src/services/bootstrap/seed-demo.ts';
import { createTestDatabase } from '../helpers/database.ts';

describe('the demo seed', () => {
  it('creates a missing data dir for its credentials, and answers the same ones on the next start', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'hub-seed-'));
    const dataDir = path.join(parent, 'not', 'there', 'yet');
    const database = await createTestDatabase();
    try {
      const runtime: Runtime = {
        config: loadConfig({ HUB_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
        database,
        deployment: await ensureDeployment(database.db, undefined),
        logger: pino({ level: 'silent' }),
        createdDatabase: false,
        close: () => database.close(),
      };
      const first = await seedDemo(runtime);
      expect(first?.email).toBe('admin@demo-partner.example');
      const stored = JSON.parse(await readFile(path.join(dataDir, 'demo-credentials.json'), 'utf8'));
      expect(stored).toEqual(first);
      expect(await seedDemo(runtime)).toEqual(first);
    } finally {
      await database.close();
      await rm(parent, { recursive: true, force: true });
    }
  });
});
