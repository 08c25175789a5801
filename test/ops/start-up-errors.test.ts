// `hub serve` as an operator starts it, with a wrong environment: it stops at once with a non-zero
// exit code and a message that names the variable, says what is wrong and gives an example, with
// no stack trace and no password. A database it cannot reach is named by its (masked) URL.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const hubBin = fileURLToPath(new URL('../../bin/hub', import.meta.url));

let workDir = '';

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'hub-start-up-errors-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

async function serve(environment: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, HUB_DATA_DIR: path.join(workDir, 'data'), ...environment };
  if (!('DATABASE_URL' in environment)) delete env.DATABASE_URL;
  const child = spawn(process.execPath, [hubBin, 'serve'], { cwd: workDir, env });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, output };
}

describe('hub serve with a wrong environment', { timeout: 120_000 }, () => {
  it.each([
    [{ PORT: 'abc' }, /PORT="abc" is not valid: .* e\.g\. PORT=3000/],
    [
      { SMTP_URL: 'http://user:hunter2-smtp@mail.example' },
      /SMTP_URL="http:\/\/user:\*\*\*@mail\.example" is not valid: it takes an smtp:\/\/ or smtps:\/\/ URL/,
    ],
    [
      { RATE_LIMIT_API_PER_MINUTE: '0', LOG_LEVEL: 'loud' },
      /LOG_LEVEL="loud" is not valid[\s\S]*RATE_LIMIT_API_PER_MINUTE="0" is not valid|RATE_LIMIT_API_PER_MINUTE="0" is not valid[\s\S]*LOG_LEVEL="loud" is not valid/,
    ],
    [
      { DATABASE_URL: 'postgres://hub:hunter2-db@127.0.0.1:1/hub' },
      /Cannot use the PostgreSQL database of DATABASE_URL=postgres:\/\/hub:\*\*\*@127\.0\.0\.1:1\/hub: connect ECONNREFUSED/,
    ],
  ])('%j', async (environment, expected) => {
    const { code, output } = await serve(environment);
    expect(code).not.toBe(0);
    expect(output).toMatch(expected);
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toContain('hunter2');
  });
});
