// Database errors are told apart by SQLSTATE only: PGlite and `pg` word their messages differently.
export function sqlState(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (sqlState(error) !== '23505') return false;
  if (!constraint) return true;
  const name = (error as { constraint?: unknown }).constraint;
  const text = error instanceof Error ? error.message : '';
  return name === constraint || text.includes(constraint);
}

export function isForeignKeyViolation(error: unknown, constraint?: string): boolean {
  if (sqlState(error) !== '23503') return false;
  if (!constraint) return true;
  const name = (error as { constraint?: unknown }).constraint;
  const text = error instanceof Error ? error.message : '';
  return name === constraint || text.includes(`"${constraint}"`);
}

/**
 * Runs a transaction once more when it lost a foreign-key race: a delete whose "still in use?"
 * check ran before a concurrent writer committed a row that references what it deletes (the
 * delete then waited for that row's lock, and the key refused it). The second run sees the row
 * and answers with the delete's own clear refusal instead of a 500.
 */
export async function retryingForeignKeyRace<T>(transaction: () => Promise<T>): Promise<T> {
  try {
    return await transaction();
  } catch (error) {
    if (!isForeignKeyViolation(error)) throw error;
    return transaction();
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else is a name or externalId (and must never reach a uuid column). */
export function isUuidLike(value: string): boolean {
  return UUID.test(value);
}

/**
 * PostgreSQL rolled the transaction back to break a deadlock (40P01) or a serialization conflict
 * (40001): nothing of it was kept, so running it again is safe and usually succeeds at once.
 */
export function isRetryableTransactionFailure(error: unknown): boolean {
  const state = sqlState(error);
  return state === '40P01' || state === '40001';
}

/**
 * Runs a whole transaction again when PostgreSQL aborted it for a deadlock. Used where two writers
 * must take the same rows in opposite orders: a SCIM group write locks the group, then the members
 * whose groups changed; deleting a user locks the user, then (trigger of migration 0012) its groups.
 */
export async function retryingDeadlocks<T>(transaction: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await transaction();
    } catch (error) {
      if (attempt >= attempts || !isRetryableTransactionFailure(error)) throw error;
    }
  }
}

/** Seconds a client should wait before retrying when the database could not serve its request. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// SQLSTATEs that say "not now" rather than "not this": the connection broke or was refused (class
// 08), the server is out of connections, memory or disk (53), shutting down or starting (57P01–3),
// a statement or lock wait ran past the operator's statement_timeout / lock_timeout (57014,
// 55P03; see docs/operations.md), or a transaction kept losing deadlocks (40P01, 40001) after its
// retries.
const TRANSIENT_SQL_STATE = /^(08\w{3}|53\w{3}|57P0[123]|57014|55P03|40P01|40001)$/;
// The same seen from the socket, before PostgreSQL could say anything.
const TRANSIENT_SOCKET_CODE =
  /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE|ENOTFOUND|EAI_AGAIN)$/;
// node-postgres reports a connection lost mid-query in words only.
const LOST_CONNECTION_TEXT =
  /^(Connection terminated|Client has encountered a connection error|Connection terminated due to connection timeout)/;

/**
 * The database could not serve the request now (down, unreachable, overloaded, or over one of the
 * operator's timeouts): the failing transaction was rolled back, and the same request may succeed
 * shortly. Answered 503 with Retry-After, not 500, so integrators' retry logic and load balancers
 * treat it as such.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof AggregateError) return error.errors.some(isDatabaseUnavailable);
  const code = sqlState(error);
  if (code !== undefined) return TRANSIENT_SQL_STATE.test(code) || TRANSIENT_SOCKET_CODE.test(code);
  return error instanceof Error && LOST_CONNECTION_TEXT.test(error.message);
}
