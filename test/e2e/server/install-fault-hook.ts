// The e2e server's provisioning backend: the built-in recording one, except that a browser test
// can make the next matching downstream step fail once, by writing `{"step": …, "subject": …}` to
// the file HUB_E2E_FAULTS_FILE names (the hook deletes it when it fires). The lifecycle tests
// inject faults in-process the same way (`useProvisioningBackend`); a browser test has only the
// server's process edge, and the server has no fault API (nor should it).
import { readFileSync, rmSync } from 'node:fs';
import type {
  ProvisioningBackend,
  ProvisioningOperation,
} from '../../../src/services/provisioning/provisioning-backend.ts';
import {
  ProvisioningFault,
  RecordingBackend,
  useProvisioningBackend,
} from '../../../src/services/provisioning/provisioning-backend.ts';

interface OneShotFault {
  step: string;
  subject?: string;
}

function readFault(file: string): OneShotFault | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as OneShotFault;
  } catch {
    return null; // no fault asked for (or not written completely yet)
  }
}

class FileFaultBackend implements ProvisioningBackend {
  private readonly inner = new RecordingBackend();
  private readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  async perform(operation: ProvisioningOperation): Promise<void> {
    const fault = readFault(this.file);
    if (
      fault &&
      fault.step === operation.step &&
      (fault.subject === undefined || fault.subject === operation.subject)
    ) {
      rmSync(this.file, { force: true });
      throw new ProvisioningFault(operation.step);
    }
    await this.inner.perform(operation);
  }
}

const faultsFile = process.env.HUB_E2E_FAULTS_FILE;
if (faultsFile) useProvisioningBackend(new FileFaultBackend(faultsFile));
