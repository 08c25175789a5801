// SQL for a customer's SCIM groups and their members (users of the same customer only: the
// composite foreign keys of migration 0004 make any other member impossible).
import { sql } from 'kysely';
import type { Expression, SqlBool } from 'kysely';
import type { Executor } from '../../services/context.ts';
import { scimDb } from './scim-tables.ts';
import type { ScimGroupRow } from './scim-tables.ts';

export interface ScimGroupRecord {
  readonly id: string;
  readonly displayName: string;
  readonly externalId: string | null;
  readonly members: readonly { readonly value: string; readonly display: string | null }[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: string;
}

export const SCIM_GROUP_COLUMNS = {
  id: { expr: sql`g.id::text`, type: 'string', caseExact: true },
  displayname: { expr: sql`g.display_name`, type: 'string', caseExact: false },
  externalid: { expr: sql`g.external_id`, type: 'string', caseExact: true },
  'meta.created': { expr: sql`g.created_at`, type: 'dateTime', caseExact: false },
  'meta.lastmodified': { expr: sql`g.updated_at`, type: 'dateTime', caseExact: false },
} as const;

async function membersOf(executor: Executor, customerId: string, groupIds: readonly string[]) {
  const byGroup = new Map<string, { value: string; display: string | null }[]>();
  if (groupIds.length === 0) return byGroup;
  const rows = await scimDb(executor)
    .selectFrom('scim_group_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .leftJoin('scim_users as su', 'su.user_id', 'u.id')
    .select(['m.group_id', 'u.id', 'u.display_name', 'u.email', 'su.user_name'])
    .where('m.customer_id', '=', customerId)
    .where('m.group_id', 'in', [...groupIds])
    .orderBy('u.created_at')
    .orderBy('u.id')
    .execute();
  for (const row of rows) {
    const list = byGroup.get(row.group_id) ?? [];
    list.push({ value: row.id, display: row.display_name ?? row.user_name ?? row.email });
    byGroup.set(row.group_id, list);
  }
  return byGroup;
}

function toRecord(row: ScimGroupRow, members: ScimGroupRecord['members']): ScimGroupRecord {
  return {
    id: row.id,
    displayName: row.display_name,
    externalId: row.external_id,
    members,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: String(row.version),
  };
}

export async function findScimGroup(
  executor: Executor,
  customerId: string,
  groupId: string,
  lock = false,
): Promise<ScimGroupRecord | undefined> {
  let query = scimDb(executor)
    .selectFrom('scim_groups as g')
    .selectAll('g')
    .where('g.customer_id', '=', customerId)
    .where('g.id', '=', groupId);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  const members = await membersOf(executor, customerId, [row.id]);
  return toRecord(row, members.get(row.id) ?? []);
}

export async function queryScimGroups(
  executor: Executor,
  customerId: string,
  query: { readonly where?: Expression<SqlBool>; readonly offset: number; readonly limit: number | null },
): Promise<{ readonly total: number; readonly records: ScimGroupRecord[] }> {
  let select = scimDb(executor)
    .selectFrom('scim_groups as g')
    .selectAll('g')
    .where('g.customer_id', '=', customerId);
  let count = scimDb(executor)
    .selectFrom('scim_groups as g')
    .where('g.customer_id', '=', customerId)
    .select(sql<number>`count(*)::int`.as('total'));
  if (query.where !== undefined) {
    select = select.where(query.where);
    count = count.where(query.where);
  }
  select = select.orderBy('g.created_at').orderBy('g.id').offset(query.offset);
  if (query.limit !== null) select = select.limit(query.limit);
  const [rows, totalRow] = await Promise.all([select.execute(), count.executeTakeFirstOrThrow()]);
  const members = await membersOf(
    executor,
    customerId,
    rows.map((row) => row.id),
  );
  return {
    total: Number(totalRow.total),
    records: rows.map((row) => toRecord(row, members.get(row.id) ?? [])),
  };
}

export async function insertScimGroup(
  executor: Executor,
  customerId: string,
  values: { readonly displayName: string; readonly externalId: string | null },
): Promise<string> {
  const row = await scimDb(executor)
    .insertInto('scim_groups')
    .values({ customer_id: customerId, display_name: values.displayName, external_id: values.externalId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateScimGroupRow(
  executor: Executor,
  customerId: string,
  groupId: string,
  values: { readonly displayName: string; readonly externalId: string | null },
): Promise<void> {
  await scimDb(executor)
    .updateTable('scim_groups')
    .set({
      display_name: values.displayName,
      external_id: values.externalId,
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('customer_id', '=', customerId)
    .where('id', '=', groupId)
    .execute();
}

/** Replaces the member list; ids that are not users of the customer must already be filtered out. */
export async function setScimGroupMembers(
  executor: Executor,
  customerId: string,
  groupId: string,
  userIds: readonly string[],
): Promise<void> {
  await scimDb(executor)
    .deleteFrom('scim_group_members')
    .where('customer_id', '=', customerId)
    .where('group_id', '=', groupId)
    .execute();
  if (userIds.length === 0) return;
  await scimDb(executor)
    .insertInto('scim_group_members')
    .values(userIds.map((userId) => ({ customer_id: customerId, group_id: groupId, user_id: userId })))
    .onConflict((conflict) => conflict.doNothing())
    .execute();
}

export async function deleteScimGroupRow(
  executor: Executor,
  customerId: string,
  groupId: string,
): Promise<boolean> {
  const rows = await scimDb(executor)
    .deleteFrom('scim_groups')
    .where('customer_id', '=', customerId)
    .where('id', '=', groupId)
    .returning('id')
    .execute();
  return rows.length > 0;
}
