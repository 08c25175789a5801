// `hub users add-batch`, `hub users set-package` and `hub accounts create-free`, in-process on a
// fresh database with the exit codes of SPEC §9.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestCli } from '../cli/cli-harness.ts';

const cli = useTestCli();

beforeAll(async () => {
  const created = await cli().hub(
    'customers',
    'create',
    '--name',
    'Acme',
    '--external-id',
    'ACME',
    '--admin-email',
    'it@acme.example',
    '--country',
    'NL',
    '--packages',
    'webex_meetings,webex_voice',
    '--json',
  );
  expect(created.exitCode, created.stderr).toBe(0);
});

async function usersFile(name: string, users: unknown): Promise<string> {
  await writeFile(path.join(cli().cwd, name), JSON.stringify(users));
  return name;
}

describe('hub accounts create-free', () => {
  it('creates an active free account', async () => {
    const result = await cli().hub(
      'accounts',
      'create-free',
      '--email',
      'Free@Person.example',
      '--first-name',
      'Fay',
      '--json',
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.json()).toMatchObject({
      email: 'free@person.example',
      status: 'active',
      source: 'operator',
    });
    expect((await cli().hub('accounts', 'create-free', '--email', 'free@person.example')).exitCode).toBe(1);
    expect((await cli().hub('accounts', 'create-free', '--email', 'not-an-email')).exitCode).toBe(2);
  });
});

describe('hub users add-batch', () => {
  it('adds the users of a file, reporting each, exit 0 even when one fails', async () => {
    const file = await usersFile('users.json', {
      users: [
        { email: 'ann@acme.example', firstName: 'Ann', lastName: 'A', package: 'webex_meetings' },
        { email: 'free@person.example', firstName: 'Fay', lastName: 'F', package: 'webex_meetings' },
        { email: 'bad@acme.example', firstName: 'Bad', lastName: 'B', package: 'webex_suite' },
      ],
    });
    const result = await cli().hub('users', 'add-batch', '--customer', 'ACME', file, '--json');
    expect(result.exitCode, result.stderr).toBe(0);
    const body = result.json<{ counts: object; results: { result: string }[] }>();
    expect(body.counts).toEqual({ created: 1, pendingUserMigration: 1, failed: 1 });
    expect(body.results.map((entry) => entry.result)).toEqual([
      'created',
      'pending_user_migration',
      'failed',
    ]);
  });

  it('rejects 26 users (exit 2) and a file that is not a list of users', async () => {
    const many = Array.from({ length: 26 }, (_, index) => ({
      email: `u${index}@acme.example`,
      package: 'webex_meetings',
    }));
    const tooMany = await cli().hub(
      'users',
      'add-batch',
      '--customer',
      'ACME',
      await usersFile('many.json', many),
    );
    expect(tooMany.exitCode).toBe(2);
    expect(tooMany.stderr).toContain('At most 25 users can be added at once');
    const wrong = await cli().hub(
      'users',
      'add-batch',
      '--customer',
      'ACME',
      await usersFile('wrong.json', { nope: 1 }),
    );
    expect(wrong.exitCode).toBe(2);
  });
});

describe('hub users set-package', () => {
  it("changes a user's package by email", async () => {
    const result = await cli().hub(
      'users',
      'set-package',
      '--customer',
      'ACME',
      '--user',
      'ann@acme.example',
      '--package',
      'webex_voice',
      '--json',
    );
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.json()).toMatchObject({
      user: { email: 'ann@acme.example', package: 'webex_voice', status: 'provisioned' },
    });
  });

  it('refuses a package the customer was not sold (exit 2)', async () => {
    const result = await cli().hub(
      'users',
      'set-package',
      '--customer',
      'ACME',
      '--user',
      'ann@acme.example',
      '--package',
      'webex_suite',
    );
    expect(result.exitCode).toBe(2);
  });
});
