import { describe, expect, it } from 'vitest';
import { loopRetryDelayMs } from './loop-backoff.ts';

describe('loopRetryDelayMs', () => {
  it.each([
    [0, 500, 500],
    [1, 500, 500],
    [2, 500, 1_000],
    [3, 500, 2_000],
    [7, 500, 30_000],
    [1_000, 500, 30_000],
    [5, 60_000, 60_000],
  ])('after %i failures with a %i ms poll: %i ms', (failures, pollIntervalMs, expected) => {
    expect(loopRetryDelayMs(failures, pollIntervalMs)).toBe(expected);
  });
});
