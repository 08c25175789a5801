// `npm run bench`: every bench/*.bench.ts in turn, each printing its own figures.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const directory = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(directory)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((wanted) => name.includes(wanted)))
  .sort();

let failed = 0;
for (const file of files) {
  process.stdout.write(`\n### ${file}\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(directory, file)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) failed += 1;
}
process.exitCode = failed > 0 ? 1 : 0;
