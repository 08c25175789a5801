import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from './api-error.ts';
import { createQueryClient, OUTAGE_REFETCH_MS, outageRefetchInterval } from './query-client.ts';

const defaults = createQueryClient().getDefaultOptions().queries ?? {};
const outage = new NetworkError(new TypeError('Failed to fetch'));
const answer = new ApiError(404, 'Not found', [], null);

describe('query defaults: a load that failed by an outage recovers by itself', () => {
  it.each([
    ['a network failure, second retry', outage, 2, true],
    ['a 503, second retry', new ApiError(503, 'HTTP 503', [], null), 2, true],
    ['a network failure after three retries', outage, 3, false],
    ['a 404', answer, 0, false],
  ])('retries %s: %s', (_name, error, failures, expected) => {
    const retry = defaults.retry as (failureCount: number, error: unknown) => boolean;
    expect(retry(failures, error)).toBe(expected);
  });

  it('waits as long as a 503 asks, else backs off', () => {
    const delay = defaults.retryDelay as (failureCount: number, error: unknown) => number;
    expect(delay(1, new ApiError(503, 'HTTP 503', [], null, 5))).toBe(5000);
    expect(delay(1, outage)).toBe(2000);
    expect(delay(9, outage)).toBe(30_000);
  });

  it('asks again on focus and by itself only while in error after an outage', () => {
    const onFocus = defaults.refetchOnWindowFocus as (query: { state: { status: string } }) => boolean;
    expect(onFocus({ state: { status: 'error' } })).toBe(true);
    expect(onFocus({ state: { status: 'success' } })).toBe(false);
    expect(defaults.refetchOnReconnect).toBe(true);
    expect(outageRefetchInterval({ state: { status: 'error', error: outage } })).toBe(OUTAGE_REFETCH_MS);
    expect(outageRefetchInterval({ state: { status: 'error', error: answer } })).toBe(false);
    expect(outageRefetchInterval({ state: { status: 'success', error: null } })).toBe(false);
  });
});
