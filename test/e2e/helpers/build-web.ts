// Builds web/dist before the browser tests, so they test the code in the tree and not a stale
// bundle. HUB_E2E_SKIP_BUILD=1 skips it (CI may have built it already). Run by global-setup.ts.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export async function buildWeb(): Promise<void> {
  if (process.env.HUB_E2E_SKIP_BUILD === '1') return;
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  // A child process, awaited without blocking: the global set-up does other work meanwhile.
  const child = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
      // Vitest sets NODE_ENV=test, and Vite builds with the NODE_ENV it finds: the browser tests
      // would get React's development build, not the production bundle that `npm run build:web` ships.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`building web/dist failed (vite exited with ${code})`);
}
