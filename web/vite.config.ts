import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * Writes `<file>.br` and `<file>.gz` next to each built text file, which the server sends
 * (@fastify/static `preCompressed`) to a browser that accepts them: the first load is about a
 * quarter of its size over the wire. At build time, once, at the strongest levels (Brotli 11 costs
 * a second or two here, far too slow per request). node:zlib does it in these few lines, so no
 * plugin dependency. Files under 1 kB gain less than a packet and stay plain.
 */
function precompress(): Plugin {
  const brotli = promisify(brotliCompress);
  const gzipped = promisify(gzip);
  return {
    name: 'hub-precompress',
    apply: 'build',
    async writeBundle(options) {
      const outDir = options.dir ?? path.join(webRoot, 'dist');
      const files = await readdir(outDir, { recursive: true });
      const texts = files.filter((file) => /\.(?:js|css|html|svg|json)$/.test(file));
      for (const file of texts) {
        const full = path.join(outDir, file);
        const plain = await readFile(full);
        if (plain.length < 1024) continue;
        const [br, gz] = await Promise.all([
          brotli(plain, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: plain.length,
            },
          }),
          gzipped(plain, { level: constants.Z_BEST_COMPRESSION }),
        ]);
        await Promise.all([writeFile(`${full}.br`, br), writeFile(`${full}.gz`, gz)]);
      }
    },
  };
}

// The app is served by the API server itself (same origin, session cookie), so in development
// the dev server proxies the API paths to it instead of needing CORS.
export default defineConfig({
  root: webRoot,
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      // The merge below reports its chunk counts on every build: noise, not a finding.
      onLog(level, log, handler) {
        if (log.code !== 'OPTIMIZE_CHUNK_STATUS') handler(level, log);
      },
      output: {
        // Libraries the shell uses whole go to one chunk of their own: it keeps its hash (and the
        // browser's cached copy) across releases that only change the app's code, and it keeps the
        // entry under Vite's 500 kB warning. Mantine stays out of it on purpose: its components
        // that only some screens use belong in those screens' chunks, not in the first load.
        manualChunks(id) {
          return /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack|i18next[^\\/]*|react-i18next)[\\/]/.test(
            id,
          )
            ? 'vendor'
            : undefined;
        },
        // Screens share many small modules (a pager, a badge); below this size they are merged
        // into a neighbour instead of costing a request each.
        experimentalMinChunkSize: 8_000,
      },
    },
  },
  server: {
    proxy: {
      '/v1': process.env.HUB_API_URL ?? 'http://127.0.0.1:3000',
      '/scim': process.env.HUB_API_URL ?? 'http://127.0.0.1:3000',
    },
  },
});
