// CI's PostgreSQL pass skips the server test files that run `hub` on data dirs of their own (ADR
// 0096): they run the same on any DATABASE_URL, so a second run proves nothing. What keeps a file
// that does use the database off that list is its project: this file, listed there itself, shows
// that DATABASE_URL and the test database reach such a file only as a server nothing answers on.
import { existsSync } from 'node:fs';
import pg from 'pg';
import { expect, inject, it } from 'vitest';
import { OWN_DATA_DIR_TESTS, UNREACHABLE_DATABASE_URL } from '../../vitest.config.ts';
import { repositoryPath } from '../helpers/shared.ts';

it('is run with the unreachable DATABASE_URL and test database of its project', () => {
  expect(OWN_DATA_DIR_TESTS).toContain('test/contract/own-data-dir-tests.test.ts');
  expect(process.env.DATABASE_URL).toBe(UNREACHABLE_DATABASE_URL);
  expect(inject('testDatabase')).toMatchObject({ kind: 'postgres', serverUrl: UNREACHABLE_DATABASE_URL });
});

it('so a listed file that opens that database fails, at once', async () => {
  const client = new pg.Client({ connectionString: UNREACHABLE_DATABASE_URL, connectionTimeoutMillis: 5000 });
  await expect(client.connect()).rejects.toThrow(/ECONNREFUSED/);
});

it('lists files that exist', () => {
  expect(OWN_DATA_DIR_TESTS.filter((file) => !existsSync(repositoryPath(...file.split('/'))))).toEqual([]);
});
