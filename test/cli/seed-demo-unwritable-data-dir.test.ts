// `serve --demo` whose data dir cannot be made (on PostgreSQL nothing else needs it): the database
// is seeded by then and the password is nowhere else, so the seed still answers the login for
// serve to print, and warns that it is printed this once, instead of failing after the seed.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { Runtime } from '../../src/runtime.ts';
import { ensureDeployment } from '../../src/services/bootstrap/ensure-deployment.ts';
import { seedDemo } from '../../src/services/bootstrap/seed-demo.ts';
import { createTestDatabase } from '../helpers/database.ts';

it('answers the login when the data dir cannot be made, with a warning', async () => {
  const parent = await mkdtemp(path.join(tmpdir(), 'hub-seed-unwritable-'));
  // A regular file where a folder of the data dir's path should be: no mkdir can pass it.
  await writeFile(path.join(parent, 'a-file'), 'not a folder\n');
  const dataDir = path.join(parent, 'a-file', 'data');
  const lines: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
  const database = await createTestDatabase();
  try {
    const runtime: Runtime = {
      config: loadConfig({ HUB_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }),
      database,
      deployment: await ensureDeployment(database.db, undefined),
      logger,
      createdDatabase: false,
      close: () => database.close(),
    };
    const credentials = await seedDemo(runtime);
    expect(credentials?.email).toBe('admin@demo-partner.example');
    expect(credentials?.password).toMatch(/^\S{8,}$/);
    const warnings = lines.map((line) => JSON.parse(line) as { msg: string; file: string });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.msg).toContain('printed this once only');
    expect(warnings[0]?.file).toBe(path.join(dataDir, 'demo-credentials.json'));
  } finally {
    await database.close();
    await rm(parent, { recursive: true, force: true });
  }
});
