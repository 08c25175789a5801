// The e2e server's hold on imports: while the file HUB_E2E_IMPORT_HOLD_FILE names exists, an
// import being applied waits after each batch it hands to the database, before planning the next
// (src/services/imports/batch-gate.ts). A browser test that cancels an import creates the file
// before Apply and removes it after the cancel, so the import is known to be mid-way when the
// admin cancels, however slow the machine.
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { useImportBatchGate } from '../../../src/services/imports/batch-gate.ts';

const holdFile = process.env.HUB_E2E_IMPORT_HOLD_FILE;
if (holdFile)
  useImportBatchGate(async () => {
    while (existsSync(holdFile)) await sleep(50);
  });
