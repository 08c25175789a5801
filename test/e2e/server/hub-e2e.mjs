// bin/hub for the browser tests: the same CLI bundle, plus the fault hook (install-fault-hook.ts).
import process from 'node:process';
import { ensureBundle } from '../../../scripts/bundle.mjs';

process.setSourceMapsEnabled(true);
await import(await ensureBundle('test/e2e/server/hub-with-fault-hook.ts', 'hub-e2e'));
