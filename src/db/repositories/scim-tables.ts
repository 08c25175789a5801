// Kysely's view of the SCIM tables of migrations/0004_scim.sql. Kept beside the SCIM repositories
// (instead of in the shared schema.ts) and added to an executor with `withTables`.
import type { ColumnType, Generated, Kysely, Selectable } from 'kysely';
import type { DB } from '../schema.ts';
import type { Executor } from '../../services/context.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | undefined, string>;

export interface ScimTokensTable {
  id: Generated<string>;
  customer_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_by: string | null;
  /** The API token this one was created with (migration 0023, ADR 0085); null when made by a person. */
  created_by_token_id: Generated<string | null>;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface ScimUsersTable {
  user_id: string;
  customer_id: string;
  user_name: string;
  external_id: string | null;
  document: Json<Record<string, unknown>>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ScimGroupsTable {
  id: Generated<string>;
  customer_id: string;
  display_name: string;
  external_id: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ScimGroupMembersTable {
  customer_id: string;
  group_id: string;
  user_id: string;
}

// A type alias, not an interface: `withTables` wants a record type.
export type ScimTables = {
  scim_tokens: ScimTokensTable;
  scim_users: ScimUsersTable;
  scim_groups: ScimGroupsTable;
  scim_group_members: ScimGroupMembersTable;
};

export type ScimTokenRow = Selectable<ScimTokensTable>;
export type ScimGroupRow = Selectable<ScimGroupsTable>;

export type ScimExecutor = Kysely<DB & ScimTables>;

export function scimDb(executor: Executor): ScimExecutor {
  return executor.withTables<ScimTables>();
}
