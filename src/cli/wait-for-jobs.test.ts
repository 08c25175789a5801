import { describe, expect, it } from 'vitest';
import type { Runtime } from '../runtime.ts';
import type { CliContext } from './cli-context.ts';
import { bufferedIo } from './io.ts';
import { waitUntil } from './wait-for-jobs.ts';

function serverContext(inlineWorker: boolean): CliContext {
  const runtime = { config: { inlineWorker } } as unknown as Runtime;
  return {
    io: bufferedIo('/'),
    insideServer: true,
    runtime: async () => runtime,
    serviceContext: () => Promise.reject(new Error('not used')),
    print: () => undefined,
  };
}

const PROVISIONING = {
  kind: 'customer-provisioning',
  customerId: 'c1',
  externalId: 'DEVRIES-001',
} as const;

describe('waitUntil in a server', () => {
  it.each([
    [false, /HUB_WORKER=off: is a "hub worker" process running\?/],
    [
      true,
      /waiting for the provisioning of customer DEVRIES-001: it is not done\. It goes on in the server\.\n/,
    ],
    [true, /Check on it with: hub customers get DEVRIES-001 \(--timeout SECONDS waits longer\)$/],
  ])('inline worker %s: the timeout says %s', async (inlineWorker, message) => {
    await expect(
      waitUntil(serverContext(inlineWorker), {
        kinds: ['provision-customer'],
        work: PROVISIONING,
        check: async () => null,
        timeoutMs: 1,
      }),
    ).rejects.toThrow(message);
  });

  it('names the work it waits for, so that a forwarded CLI stopped with Ctrl+C can', async () => {
    const context = serverContext(true);
    await waitUntil(context, { kinds: ['provision-customer'], work: PROVISIONING, check: async () => true });
    expect((context.io as ReturnType<typeof bufferedIo>).awaited).toEqual([PROVISIONING]);
  });
});
