// Where a CLI command writes. In a terminal: the process streams. When a server runs the command
// for a forwarded CLI call: events streamed back to that CLI as they are written.
import type { Writable } from 'node:stream';

/** An import's job that `hub users import` (or `import-status --wait`) waits for. */
export interface AwaitedImport {
  readonly kind: 'import';
  readonly id: string;
  readonly customerId: string;
}

/** A customer's provisioning (`customers create`, `get --wait`) or deletion a command waits for. */
export interface AwaitedCustomerWork {
  readonly kind: 'customer-provisioning' | 'customer-deletion';
  readonly customerId: string;
  /** The partner's own id: what the commands that check on it take. */
  readonly externalId: string;
  /** The --partner the command was given (the check needs it too); absent: the default partner. */
  readonly partner?: string;
}

/** Background work a command waits for (in the server, or run by this CLI). */
export type AwaitedWork = AwaitedImport | AwaitedCustomerWork;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /**
   * Resolves once the reader has taken what was written (at once when nothing waits). A command
   * that writes a lot (a list of 60,000 users) awaits it between pieces, so that a slow reader
   * (a pipe, a forwarded CLI) slows the command down instead of growing a buffer without bound.
   */
  drained(): Promise<void>;
  /**
   * Names background work the command now waits for and that goes on without it (an import's
   * job): a forwarded CLI stopped with Ctrl+C says what keeps running in the server, and how to
   * follow it. Prints nothing.
   */
  awaiting(work: AwaitedWork): void;
  /**
   * True once the reader of `out` left for good (a `| head` that closed the pipe, a forwarded CLI
   * stopped with Ctrl+C): what is written is dropped and `drained()` no longer waits, so a command
   * that pages through a list stops fetching instead of reading 60,000 users nobody sees. Absent
   * (an io of a test, a buffer): the reader stays. Ask it through `readerGone(io)`.
   */
  readerGone?(): boolean;
  /**
   * Aborted when the server running this forwarded command begins to stop (SIGTERM): a command
   * waiting for background work stops waiting, so that the server's shutdown is not held until
   * the job ends (an import of 100,000 rows: minutes); the job goes back to the queue. Absent in a
   * terminal: Ctrl+C ends that process, and its wait with it.
   */
  readonly stopping?: AbortSignal;
  /** True when stderr is a terminal (progress bars only then). */
  readonly interactive: boolean;
  /**
   * The width of the terminal stdout is (80 when it does not say); absent when stdout is piped or a
   * file: lists are then a tab-separated record per line instead of a table (text-table.ts).
   */
  readonly outColumns?: number;
  /** The directory relative file arguments are read from. */
  readonly cwd: string;
}

/** Whether the reader of a command's output left for good (see `CliIo.readerGone`). */
export function readerGone(io: CliIo): boolean {
  return io.readerGone?.() ?? false;
}

/**
 * The terminal's streams. A reader that stops early (`hub numbers list --json | head`) closes
 * stdout: the next write fails with EPIPE, which unhandled crashed the CLI with a stack trace
 * before the database was closed. Output is then dropped and the command finishes as it would.
 */
/** The terminal width a table fits when the terminal does not say. */
const DEFAULT_COLUMNS = 80;

export function createProcessIo(
  stdout: Writable & { isTTY?: boolean; columns?: number } = process.stdout,
  stderr: Writable & { isTTY?: boolean } = process.stderr,
  cwd = process.cwd(),
): CliIo {
  let pipeClosed = false;
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    pipeClosed = true;
  });
  return {
    out: (text) => {
      if (!pipeClosed) stdout.write(text);
    },
    err: (text) => void stderr.write(text),
    drained: () => untilDrained(stdout, () => pipeClosed),
    readerGone: () => pipeClosed,
    // Ctrl+C ends this process, and the wait with it: nothing to tell.
    awaiting: () => undefined,
    interactive: Boolean(stderr.isTTY),
    ...(stdout.isTTY ? { outColumns: stdout.columns || DEFAULT_COLUMNS } : {}),
    cwd,
  };
}

/**
 * Waits for a stream's 'drain' when its buffer is over its high-water mark; a stream that closes,
 * fails or whose reader is gone ends the wait (what is written then is dropped anyway).
 */
export function untilDrained(stream: Writable, gone: () => boolean = () => false): Promise<void> {
  if (gone() || stream.destroyed || stream.writableEnded || !stream.writableNeedDrain)
    return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}

export function bufferedIo(cwd: string): CliIo & { stdout: string; stderr: string; awaited: AwaitedWork[] } {
  const io = {
    stdout: '',
    stderr: '',
    interactive: false,
    cwd,
    drained: () => Promise.resolve(),
    awaited: [] as AwaitedWork[],
    awaiting(work: AwaitedWork) {
      io.awaited.push(work);
    },
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
  };
  return io;
}

/**
 * One line of a forwarded command's NDJSON response: output as written, then the exit code. The
 * work a command waits for rides on an empty `err` event: a CLI older than `awaiting` reads the
 * event as known (zod drops the unknown key) and prints nothing. An import goes in `awaiting`;
 * other work in `waitingFor`, as a CLI that knows only imports refuses any other kind there.
 */
export type ForwardedEvent =
  | { readonly out: string }
  | { readonly err: string; readonly awaiting?: AwaitedImport; readonly waitingFor?: AwaitedWork }
  | { readonly exitCode: number };

/**
 * The io of a command a server runs for a forwarded CLI call: each write becomes an event sent at
 * once, so that the CLI shows progress (bars included, when its stderr is a terminal) live.
 * `drained` resolves when the CLI has read what was sent (the connection's backpressure);
 * `cliGone` says the CLI left (its connection closed before the command ended).
 */
export function streamingIo(
  cwd: string,
  interactive: boolean,
  send: (event: ForwardedEvent) => void,
  drained: () => Promise<void>,
  cliGone: () => boolean = () => false,
  stopping?: AbortSignal,
  outColumns?: number,
): CliIo {
  return {
    interactive,
    cwd,
    ...(outColumns === undefined ? {} : { outColumns }),
    ...(stopping ? { stopping } : {}),
    out: (text) => send({ out: text }),
    err: (text) => send({ err: text }),
    drained,
    readerGone: cliGone,
    awaiting: (work) =>
      send(work.kind === 'import' ? { err: '', awaiting: work } : { err: '', waitingFor: work }),
  };
}
