// What the PostgreSQL pool says about its connections, as log lines: one warning when the
// connection to the server is lost, one info line when a new connection succeeds again. The pool
// used process.emitWarning, which wrote a plain-text `(node:PID) Warning: …` line to stderr for
// every client it lost (75 lines in 4 s while connections were killed) beside the JSON log lines.

/** The part of the app's logger (pino) the notices use. */
export interface NoticeLogger {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

export interface ConnectionNotices {
  /** A connection failed or was cut (`reason`: the error's message). */
  lost(reason: string): void;
  /** A new connection to the server is ready. */
  connected(): void;
}

export function connectionNotices(
  logger: NoticeLogger,
  /** host:port of the server, never its user or password. */
  server: string,
  now: () => number = Date.now,
): ConnectionNotices {
  let lostAt: number | null = null;
  let failures = 0;
  return {
    lost(reason) {
      failures += 1;
      if (lostAt !== null) return;
      lostAt = now();
      logger.warn(
        { database: server, reason },
        'PostgreSQL connection lost: queries fail until it is back (the pool reconnects on next use)',
      );
    },
    connected() {
      if (lostAt === null) return;
      logger.info(
        { database: server, downMs: now() - lostAt, connectionFailures: failures },
        'PostgreSQL connection is back',
      );
      lostAt = null;
      failures = 0;
    },
  };
}

/** Until a process gives its logger (tests, one-off tools): nothing is written. */
export const SILENT_NOTICES: NoticeLogger = { warn: () => undefined, info: () => undefined };
