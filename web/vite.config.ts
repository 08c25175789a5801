import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

// The app is served by the API server itself (same origin, session cookie), so in development
// the dev server proxies the API paths to it instead of needing CORS.
export default defineConfig({
  root: webRoot,
  plugins: [react()],
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
