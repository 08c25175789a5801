// An operator learns the environment from docs/operations.md's Configuration table (and README's
// Configuration paragraph). A variable src/config.ts reads but the table leaves out is a setting
// nobody finds; a variable the table names but the code does not read is a setting that silently
// does nothing. Both happened (RESTORE_MAX_UNPACKED_MB was missing from README), so both are checked.
import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { repositoryPath } from '../helpers/shared.ts';

/** The keys of `environmentSchema` in src/config.ts, the one place that reads process.env. */
async function configVariables(): Promise<string[]> {
  const source = await readFile(repositoryPath('src', 'config.ts'), 'utf8');
  const start = source.indexOf('const environmentSchema = z.object({');
  const end = source.indexOf('\n});', start);
  if (start < 0 || end < 0) throw new Error('src/config.ts has no `environmentSchema = z.object({ … });`');
  return [...source.slice(start, end).matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((match) => String(match[1]));
}

/** A markdown section from its `## Title` line up to the next `## `. */
async function section(file: string, title: string): Promise<string> {
  const text = await readFile(repositoryPath(file), 'utf8');
  const start = text.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`${file} has no "## ${title}" section`);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

/** The variables named in the first column of the Configuration table of docs/operations.md. */
async function operationsTableVariables(): Promise<string[]> {
  const configuration = await section('docs/operations.md', 'Configuration');
  const firstCells = configuration
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => line.split('|')[1] ?? '');
  return firstCells.flatMap((cell) =>
    [...cell.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((match) => String(match[1])),
  );
}

it('finds the variables of src/config.ts', async () => {
  expect(await configVariables()).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'TRUST_PROXY']));
});

it('documents every environment variable of src/config.ts in the table of docs/operations.md, and only those', async () => {
  const documented = await operationsTableVariables();
  expect([...new Set(documented)].sort()).toEqual((await configVariables()).sort());
});

it("names every environment variable of src/config.ts in README's Configuration paragraph", async () => {
  const readme = await section('README.md', 'Configuration');
  const missing = (await configVariables()).filter((variable) => !readme.includes(`\`${variable}\``));
  expect(missing).toEqual([]);
});
