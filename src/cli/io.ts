// Where a CLI command writes. In a terminal: the process streams. When a server runs the command
// for a forwarded CLI call: events streamed back to that CLI as they are written.
import type { Writable } from 'node:stream';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal (progress bars only then). */
  readonly interactive: boolean;
  /** The directory relative file arguments are read from. */
  readonly cwd: string;
}

/**
 * The terminal's streams. A reader that stops early (`hub numbers list --json | head`) closes
 * stdout: the next write fails with EPIPE, which unhandled crashed the CLI with a stack trace
 * before the database was closed. Output is then dropped and the command finishes as it would.
 */
export function createProcessIo(
  stdout: Writable = process.stdout,
  stderr: Writable & { isTTY?: boolean } = process.stderr,
  cwd = process.cwd(),
): CliIo {
  let readerGone = false;
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    readerGone = true;
  });
  return {
    out: (text) => {
      if (!readerGone) stdout.write(text);
    },
    err: (text) => void stderr.write(text),
    interactive: Boolean(stderr.isTTY),
    cwd,
  };
}

export function bufferedIo(cwd: string): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    interactive: false,
    cwd,
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
  };
  return io;
}

/** One line of a forwarded command's NDJSON response: output as written, then the exit code. */
export type ForwardedEvent =
  { readonly out: string } | { readonly err: string } | { readonly exitCode: number };

/**
 * The io of a command a server runs for a forwarded CLI call: each write becomes an event sent at
 * once, so that the CLI shows progress (bars included, when its stderr is a terminal) live.
 */
export function streamingIo(cwd: string, interactive: boolean, send: (event: ForwardedEvent) => void): CliIo {
  return {
    interactive,
    cwd,
    out: (text) => send({ out: text }),
    err: (text) => send({ err: text }),
  };
}
