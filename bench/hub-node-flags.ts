// The Node flags bin/hub starts with (its `#!/usr/bin/env -S node …` line): benchmarks run the
// code they measure under the same flags as the product's server and worker.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HUB_BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'hub');

export function hubNodeFlags(): string[] {
  const [shebang = ''] = readFileSync(HUB_BIN, 'utf8').split('\n', 1);
  return shebang.split(/\s+/).filter((token) => token.startsWith('--'));
}
