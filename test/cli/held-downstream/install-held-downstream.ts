// The provisioning backend of a `hub` child process in the CLI's wait tests: the built-in recording
// one, except that every downstream step waits while the file HUB_TEST_DOWNSTREAM_HOLD names
// exists (a downstream that does not answer), and says so on stderr ("downstream held: <step>"),
// so that a test knows the job is mid-step before it sends its signal. Deleting the file lets the
// steps through. Faked at the process edge, as test/e2e/server/install-fault-hook.ts does.
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type {
  ProvisioningBackend,
  ProvisioningOperation,
} from '../../../src/services/provisioning/provisioning-backend.ts';
import {
  RecordingBackend,
  useProvisioningBackend,
} from '../../../src/services/provisioning/provisioning-backend.ts';

class HeldBackend implements ProvisioningBackend {
  private readonly inner = new RecordingBackend();

  constructor(private readonly holdFile: string) {}

  async perform(operation: ProvisioningOperation): Promise<void> {
    if (existsSync(this.holdFile)) {
      process.stderr.write(`downstream held: ${operation.step}\n`);
      while (existsSync(this.holdFile)) await sleep(50);
    }
    await this.inner.perform(operation);
  }
}

const holdFile = process.env.HUB_TEST_DOWNSTREAM_HOLD;
if (holdFile) useProvisioningBackend(new HeldBackend(holdFile));
