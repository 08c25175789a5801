// With SMTP_URL set, `hub serve` and `hub worker` send emails whose links must point at the
// address their readers reach: without HUB_PUBLIC_URL a separate worker wrote invite links to its
// own default port (http://localhost:3000/invite/…) while the server listened on 3913. Both refuse
// to start (exit 2), naming the variable, what it takes and an example, before opening a database.
import { spawn } from 'node:child_process';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EXIT_REJECTED } from '../../src/cli/exit-codes.ts';
import { ConfigError, loadConfig, requirePublicUrlForEmail } from '../../src/config.ts';

const hubBin = fileURLToPath(new URL('../../bin/hub', import.meta.url));
const SMTP_URL = 'smtp://mailer:hunter2-smtp@mail.example:25';

let workDir = '';

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'hub-smtp-public-url-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

it.each([
  [{ SMTP_URL }, true],
  [{ SMTP_URL, HUB_PUBLIC_URL: 'https://hub.example.com' }, false],
  [{}, false],
])('%j refused: %s', (environment, refused) => {
  const check = () => requirePublicUrlForEmail(loadConfig({ HUB_DATA_DIR: workDir, ...environment }));
  if (refused) expect(check).toThrow(ConfigError);
  else expect(check).not.toThrow();
});

it.each([['serve'], ['worker']])(
  'hub %s with SMTP_URL and no HUB_PUBLIC_URL exits 2',
  { timeout: 120_000 },
  async (command) => {
    const dataDir = path.join(workDir, `data-${command}`);
    const env: NodeJS.ProcessEnv = { ...process.env, HUB_DATA_DIR: dataDir, SMTP_URL, PORT: '0' };
    delete env.DATABASE_URL;
    delete env.HUB_PUBLIC_URL;
    const child = spawn(process.execPath, [hubBin, command], { cwd: workDir, env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    // A server that started would run until killed: the test then times out, as it should fail.
    expect(code, output).toBe(EXIT_REJECTED);
    expect(output).toMatch(
      /HUB_PUBLIC_URL is not set, and SMTP_URL is: .* It takes the http:\/\/ or https:\/\/ address users reach the hub at, e\.g\. HUB_PUBLIC_URL=https:\/\/hub\.example\.com/,
    );
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toContain('hunter2');
    // Refused before the database opened: no data dir was created.
    await expect(access(dataDir)).rejects.toThrow();
  },
);
