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
