// Ctrl+C (SIGINT) and SIGTERM while a CLI command waits for work it runs itself (an import, with
// no server): instead of dying mid-job, leaving the job locked for JOB_LOCK_SECONDS and saying
// nothing, the command stops its worker (the job goes back to the queue), ends its progress line
// and says how to resume. The same exit codes as a shell gives a process the signal ends, and as a
// forwarded CLI stopped by it answers: 130 and 143.

/** The exit code of a command stopped by `signal`, as the shell reports it (128 + its number). */
export const EXIT_CODE_FOR_SIGNAL = { SIGINT: 130, SIGTERM: 143 } as const;

export type InterruptSignal = keyof typeof EXIT_CODE_FOR_SIGNAL;

/**
 * A command that stopped at SIGINT/SIGTERM: its message is printed as is on stderr, `json` (with
 * --json) on stdout, and its exit code is 130/143.
 */
export class CliInterrupted extends Error {
  override readonly name = 'CliInterrupted';
  readonly exitCode: number;
  constructor(
    readonly signal: InterruptSignal,
    message: string,
    readonly json?: object,
  ) {
    super(message);
    this.exitCode = EXIT_CODE_FOR_SIGNAL[signal];
  }
}

export interface InterruptWatch {
  /** Aborted at the first SIGINT or SIGTERM; its reason is the signal's name. */
  readonly signal: AbortSignal;
  /** The signal that stopped the wait, or null. */
  received(): InterruptSignal | null;
  /** Gives the signals back to their default (ending the process). */
  dispose(): void;
}

/**
 * Catches SIGINT and SIGTERM until disposed. Only the first one is caught: a second Ctrl+C while
 * the command stops its work ends the process as usual (the job lock then expires on its own).
 */
export function watchInterrupts(): InterruptWatch {
  const abort = new AbortController();
  let received: InterruptSignal | null = null;
  const handlers = new Map<InterruptSignal, () => void>();
  const dispose = () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
    handlers.clear();
  };
  for (const signal of Object.keys(EXIT_CODE_FOR_SIGNAL) as InterruptSignal[]) {
    const handler = () => {
      received = signal;
      dispose();
      abort.abort(signal);
    };
    handlers.set(signal, handler);
    process.on(signal, handler);
  }
  return { signal: abort.signal, received: () => received, dispose };
}
