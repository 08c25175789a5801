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

export function isForeignKeyViolation(error: unknown): boolean {
  return sqlState(error) === '23503';
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
