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
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/v1': process.env.HUB_API_URL ?? 'http://127.0.0.1:3000',
      '/scim': process.env.HUB_API_URL ?? 'http://127.0.0.1:3000',
    },
  },
});
