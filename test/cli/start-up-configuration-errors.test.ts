// Every start-up configuration error reads the same: the message alone, as "Invalid configuration
// in the environment: …" of a wrong variable does. The HUB_PUBLIC_URL/SMTP_URL refusal and a
// PostgreSQL database that cannot be used were printed with the "Error: " of a failed command.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runHubWithEnv } from './cli-harness.ts';

let workDir = '';

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'hub-start-up-config-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** SMTP_URL and HUB_PUBLIC_URL are no keys the harness sets: set and restored here. */
async function withEnvironment<T>(
  values: Record<string, string | undefined>,
  work: () => Promise<T>,
): Promise<T> {
  const saved = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  const apply = (entries: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(entries)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(values);
  try {
    return await work();
  } finally {
    apply(saved);
  }
}

it.each([
  ['PORT', { PORT: 'abc' }, {}, 2, /^Invalid configuration in the environment:\n {2}PORT="abc"/],
  [
    'SMTP_URL without HUB_PUBLIC_URL',
    {},
    { SMTP_URL: 'smtp://localhost:2525', HUB_PUBLIC_URL: undefined },
    2,
    /^Invalid configuration in the environment:\n {2}HUB_PUBLIC_URL is not set, and SMTP_URL is/,
  ],
  [
    'a PostgreSQL database that cannot be reached',
    { DATABASE_URL: 'postgres://hub:hunter2-db@127.0.0.1:1/hub' },
    {},
    1,
    /^Cannot use the PostgreSQL database of DATABASE_URL=postgres:\/\/hub:\*\*\*@127\.0\.0\.1:1\/hub: connect ECONNREFUSED/,
  ],
] as const)('%s: the message alone', async (_label, env, extra, exitCode, expected) => {
  for (const command of ['serve', 'worker']) {
    const result = await withEnvironment(extra, () =>
      runHubWithEnv({ HUB_DATA_DIR: path.join(workDir, 'data'), ...env }, workDir, [command]),
    );
    expect(result.exitCode, result.stderr).toBe(exitCode);
    expect(result.stderr).toMatch(expected);
    expect(result.stderr).not.toMatch(/^Error: /m);
    expect(result.stderr).not.toContain('hunter2');
  }
});
