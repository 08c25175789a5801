// docs/adr/README.md is where the next engineer finds a decision: every record must be listed
// there, under its own file name, and nothing listed may be missing.
import { readdir, readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { repositoryPath } from '../helpers/shared.ts';

it('lists every architecture decision record in docs/adr/README.md, and only those', async () => {
  const records = (await readdir(repositoryPath('docs', 'adr'))).filter((name) =>
    /^\d{4}-.+\.md$/.test(name),
  );
  const index = await readFile(repositoryPath('docs', 'adr', 'README.md'), 'utf8');
  const listed = [...index.matchAll(/\]\((\d{4}-[^)]+\.md)\)/g)].map((match) => match[1]);
  expect(listed.sort()).toEqual(records.sort());
});
