// The creation time of a row as a list's cursor carries it: UTC text to the microsecond (a JS
// Date would cut it to milliseconds, and paging would then have to compare truncated times,
// which no index serves).
import { sql } from 'kysely';

/** `created_at` as `YYYY-MM-DDTHH:MM:SS.ffffffZ`, selected as `cursor_at`. */
export const CURSOR_AT =
  sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('cursor_at');
