// How long a worker waits after its loop failed `failures` times in a row (the database gone):
// doubling from the poll interval up to 30 s. Polling on at the normal pace wrote two error lines
// with stack traces a second per worker for as long as an outage lasted, and hammered a database
// that was coming back.
export const LOOP_RETRY_MAX_MS = 30_000;

export function loopRetryDelayMs(failures: number, pollIntervalMs: number): number {
  if (failures <= 0) return pollIntervalMs;
  return Math.min(
    pollIntervalMs * 2 ** Math.min(failures - 1, 20),
    Math.max(LOOP_RETRY_MAX_MS, pollIntervalMs),
  );
}
