// Decides when a server has been silent too long for a forwarded CLI command (ADR 0070). The CLI's
// own pauses must not count as the server's silence: a CLI stopped with SIGSTOP or Ctrl+Z, a
// laptop that slept, or an event loop blocked by the CLI itself wakes with its timer long overdue
// while the server's answer waits unread in the socket. Node runs due timers before it reads the
// socket, so a timer that simply fires would blame a server that had answered.

/** The clock and timers the watchdog uses; tests pass their own. */
export interface WatchdogClock {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * A timer that fires this much later than it was due did not wait for the server: this process
 * was not running. Well above a timer's usual lag (a few ms) on a CLI that only relays output.
 */
export const STALL_TOLERANCE_MS = 200;

const systemClock: WatchdogClock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout | undefined),
};

export interface SilenceWatchdog {
  /** A sign of life: the silence starts again from now. */
  alive(): void;
  stop(): void;
}

/**
 * Calls `onSilent` once `timeoutMs` pass without `alive()`, counting only time this process ran.
 * A late firing re-arms for a whole `timeoutMs`: the stall cannot be told apart from the silence
 * before it, so the server gets the full bound again, and what it sent meanwhile is read first.
 */
export function silenceWatchdog(
  timeoutMs: number,
  onSilent: () => void,
  clock: WatchdogClock = systemClock,
): SilenceWatchdog {
  let handle: unknown;
  let due = 0;
  const arm = () => {
    clock.clearTimeout(handle);
    due = clock.now() + timeoutMs;
    handle = clock.setTimeout(check, timeoutMs);
  };
  const check = () => {
    if (clock.now() - due > STALL_TOLERANCE_MS) arm();
    else onSilent();
  };
  return { alive: arm, stop: () => clock.clearTimeout(handle) };
}
