// The server's test files share their worker's modules (ADR 0095). A `vi.mock` in such a file does
// not take when an earlier file loaded the module already, and its replacement can leak into the
// files after it: every server test file that mocks a module must be listed to run on its own.
import { readdir, readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { MODULE_MOCKING_TESTS } from '../../vitest.config.ts';
import { repositoryPath } from '../helpers/shared.ts';

async function serverTestFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const top of ['src', 'test']) {
    const entries = await readdir(repositoryPath(top), { recursive: true });
    for (const entry of entries) {
      const file = `${top}/${entry}`;
      if (file.endsWith('.test.ts') && !file.startsWith('test/e2e/')) files.push(file);
    }
  }
  return files;
}

it('runs every server test file that mocks a module in a module registry of its own', async () => {
  const mocking: string[] = [];
  for (const file of await serverTestFiles()) {
    const text = await readFile(repositoryPath(...file.split('/')), 'utf8');
    if (/\bvi\.(?:do)?[mM]ock\(/.test(text)) mocking.push(file);
  }
  expect(mocking.sort()).toEqual([...MODULE_MOCKING_TESTS].sort());
});
