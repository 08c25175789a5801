// `npm start` serves the web app from web/dist: build it when it is missing or older than its
// sources, so a fresh clone needs nothing but `npm ci && npm start`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const builtIndex = path.join(root, 'web/dist/index.html');

function newestSource(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const sources = [
  path.join(root, 'web/src'),
  path.join(root, 'web/index.html'),
  path.join(root, 'web/vite.config.ts'),
];
const sourceTime = Math.max(
  ...sources
    .filter(existsSync)
    .map((source) => (statSync(source).isDirectory() ? newestSource(source) : statSync(source).mtimeMs)),
);
if (!existsSync(builtIndex) || statSync(builtIndex).mtimeMs < sourceTime) {
  console.log('Building the web app (web/dist)…');
  const result = spawnSync('npm', ['run', '--silent', 'build:web'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
