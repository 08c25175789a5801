// A job that failed because its database connection went away (refused, reset, terminated by a
// restart or a failover) did not fail on its own account: the worker hands it back to the queue
// without using up an attempt, and it resumes once the database answers again. Five short
// outages during one long import used up its five attempts.
import { isDatabaseUnavailable, sqlState } from '../services/db-errors.ts';

// Of the causes isDatabaseUnavailable knows, those that say the connection itself is gone: class
// 08, a server shutting down, crashed or starting (57P01–3). Not a statement or lock timeout, a
// deadlock or the server out of memory or disk (53): those can come back on every run of the same
// job, which must then use up its attempts and fail.
const CONNECTION_SQL_STATE = /^(08\w{3}|57P0[123])$/;
// ECONNREFUSED, EPIPE, …: no SQLSTATE class begins with E.
const SOCKET_CODE = /^E[A-Z]+$/;

/** How deep a chain of `cause`s is followed (a wrapped error names its cause). */
const MAX_CAUSES = 5;

export function isDatabaseConnectionLost(error: unknown, depth = 0): boolean {
  if (error instanceof AggregateError)
    return error.errors.some((each) => isDatabaseConnectionLost(each, depth));
  if (isDatabaseUnavailable(error)) {
    const code = sqlState(error);
    // No code: node-postgres's own words for a lost connection.
    return code === undefined || SOCKET_CODE.test(code) || CONNECTION_SQL_STATE.test(code);
  }
  if (depth >= MAX_CAUSES || !(error instanceof Error) || error.cause === undefined) return false;
  return isDatabaseConnectionLost(error.cause, depth + 1);
}
