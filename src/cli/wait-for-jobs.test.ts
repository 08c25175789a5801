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

describe('waitUntil in a server', () => {
  it.each([
    [false, /HUB_WORKER=off: is a "hub worker" process running\?/],
    [true, /waiting for background work \(provision-customer\)\.$/],
  ])('inline worker %s: the timeout says %s', async (inlineWorker, message) => {
    await expect(
      waitUntil(serverContext(inlineWorker), ['provision-customer'], async () => null, 1),
    ).rejects.toThrow(message);
  });
});
