// bin/hub for the CLI's wait tests: the same CLI, plus the held-downstream hook
// (install-held-downstream.ts), from a bundle of its own as bin/hub runs from its bundle.
import process from 'node:process';
import { ensureBundle } from '../../../scripts/bundle.mjs';

process.setSourceMapsEnabled(true);
await import(
  await ensureBundle('test/cli/held-downstream/hub-with-held-downstream.ts', 'hub-held-downstream')
);
