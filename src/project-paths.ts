// Folders the server reads at run time, found from the project root. This file sits one level
// below the root, as does the bundle bin/hub runs (dist/hub.mjs, ADR 0014), where every module's
// `import.meta.url` is the bundle's: so `..` is the root both from source and from the bundle.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const projectRoot = new URL('../', import.meta.url);

/** The numbered SQL migrations (src/db/migrations). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('src/db/migrations/', projectRoot));

/** The built web app (web/dist), served by the HTTP server. */
export const WEB_DIST_DIR = fileURLToPath(new URL('web/dist', projectRoot));

/** The version in package.json: what `hub --version` prints. */
export function productVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL('package.json', projectRoot), 'utf8'));
  const version = (manifest as { version?: unknown }).version;
  return typeof version === 'string' ? version : 'unknown';
}
