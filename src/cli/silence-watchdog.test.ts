import { describe, expect, it } from 'vitest';
import { STALL_TOLERANCE_MS, silenceWatchdog, type WatchdogClock } from './silence-watchdog.ts';

/** A clock the test moves: `run` advances time; `stalled` fires due timers only at the end. */
function fakeClock() {
  let time = 0;
  let timer: { at: number; callback: () => void } | undefined;
  const clock: WatchdogClock = {
    now: () => time,
    setTimeout: (callback, ms) => (timer = { at: time + ms, callback }),
    clearTimeout: (handle) => {
      if (handle === timer) timer = undefined;
    },
  };
  return {
    clock,
    /** Runs for `ms`, firing a timer when it is due (or, if the process was stopped, on waking). */
    run(ms: number, { stalled = false } = {}) {
      const end = time + ms;
      while (timer && timer.at <= end) {
        const due = timer;
        timer = undefined;
        time = stalled ? end : due.at;
        due.callback();
      }
      time = end;
    },
  };
}

const TIMEOUT = 1_000;

describe('silenceWatchdog', () => {
  it.each([
    { case: 'silence for the timeout', steps: [{ ms: TIMEOUT }], silent: true },
    { case: 'silence just short of it', steps: [{ ms: TIMEOUT - 1 }], silent: false },
    { case: 'a sign of life within it', steps: [{ ms: 900, alive: true }, { ms: 900 }], silent: false },
    {
      case: 'a late timer: the CLI was stopped (SIGSTOP) for 5 s',
      steps: [{ ms: 5_000, stalled: true }],
      silent: false,
    },
    {
      case: 'a stop, then the server answers on waking',
      steps: [{ ms: 5_000, stalled: true }, { ms: 0, alive: true }, { ms: TIMEOUT - 1 }],
      silent: false,
    },
    {
      case: 'a stop, then the full timeout of real silence',
      steps: [{ ms: 5_000, stalled: true }, { ms: TIMEOUT }],
      silent: true,
    },
    {
      case: 'a timer late by no more than the tolerance',
      steps: [{ ms: TIMEOUT + STALL_TOLERANCE_MS, stalled: true }],
      silent: true,
    },
  ])('$case: silent = $silent', ({ steps, silent }) => {
    const { clock, run } = fakeClock();
    let fired = 0;
    const watchdog = silenceWatchdog(TIMEOUT, () => (fired += 1), clock);
    watchdog.alive();
    for (const step of steps) {
      run(step.ms, { stalled: 'stalled' in step && step.stalled === true });
      if ('alive' in step && step.alive) watchdog.alive();
    }
    expect(fired).toBe(silent ? 1 : 0);
  });

  it('fires nothing once stopped', () => {
    const { clock, run } = fakeClock();
    let fired = 0;
    const watchdog = silenceWatchdog(TIMEOUT, () => (fired += 1), clock);
    watchdog.alive();
    watchdog.stop();
    run(10 * TIMEOUT);
    expect(fired).toBe(0);
  });
});
