// SQL for the SCIM view of a customer's users: the users row (what the product models), its
// scim_users row (userName, externalId, the document as the directory sent it) and its location.
// Every statement names the customer.
import { sql } from 'kysely';
import type { Expression, RawBuilder, SqlBool } from 'kysely';
import type { Executor } from '../../services/context.ts';
import { scimDb } from './scim-tables.ts';

export interface ScimUserRecord {
  readonly id: string;
  readonly userName: string;
  readonly externalId: string | null;
  readonly email: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly displayName: string | null;
  readonly title: string | null;
  readonly preferredLanguage: string | null;
  readonly department: string | null;
  readonly manager: string | null;
  readonly suspended: boolean;
  readonly packageId: string | null;
  readonly locationName: string | null;
  readonly extension: string | null;
  readonly document: Record<string, unknown>;
  readonly groups: readonly { readonly value: string; readonly display: string }[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** `<users.version>.<scim_users.version>`: changes on any write, through SCIM or elsewhere. */
  readonly version: string;
}

/** Attribute columns a SCIM filter or sortBy may use in SQL, by lower-case SCIM path. */
export interface ScimColumn {
  readonly expr: RawBuilder<unknown>;
  readonly type: 'string' | 'boolean' | 'dateTime';
  readonly caseExact: boolean;
}

export const SCIM_USER_COLUMNS: Readonly<Record<string, ScimColumn>> = {
  id: { expr: sql`u.id::text`, type: 'string', caseExact: true },
  username: { expr: sql`coalesce(su.user_name, u.email)`, type: 'string', caseExact: false },
  externalid: { expr: sql`su.external_id`, type: 'string', caseExact: true },
  displayname: { expr: sql`u.display_name`, type: 'string', caseExact: false },
  'name.givenname': { expr: sql`u.first_name`, type: 'string', caseExact: false },
  'name.familyname': { expr: sql`u.last_name`, type: 'string', caseExact: false },
  title: { expr: sql`u.title`, type: 'string', caseExact: false },
  active: { expr: sql`(not u.suspended)`, type: 'boolean', caseExact: false },
  'meta.created': { expr: sql`u.created_at`, type: 'dateTime', caseExact: false },
  'meta.lastmodified': {
    expr: sql`greatest(u.updated_at, su.updated_at)`,
    type: 'dateTime',
    caseExact: false,
  },
  'enterprise:department': { expr: sql`u.department`, type: 'string', caseExact: false },
};

function baseQuery(executor: Executor, customerId: string) {
  return scimDb(executor)
    .selectFrom('users as u')
    .leftJoin('scim_users as su', 'su.user_id', 'u.id')
    .leftJoin('locations as l', 'l.id', 'u.location_id')
    .where('u.customer_id', '=', customerId)
    .select([
      'u.id',
      'u.email',
      'u.first_name',
      'u.last_name',
      'u.display_name',
      'u.title',
      'u.preferred_language',
      'u.department',
      'u.manager',
      'u.suspended',
      'u.package',
      'u.extension',
      'u.version as user_version',
      'u.created_at',
      'u.updated_at',
      'su.user_name',
      'su.external_id',
      'su.document',
      'su.version as scim_version',
      'su.updated_at as scim_updated_at',
      'l.name as location_name',
    ]);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toRecord(row: BaseRow, groups: ScimUserRecord['groups']): ScimUserRecord {
  const scimUpdated = row.scim_updated_at;
  const updatedAt = scimUpdated !== null && scimUpdated > row.updated_at ? scimUpdated : row.updated_at;
  return {
    id: row.id,
    userName: row.user_name ?? row.email,
    externalId: row.external_id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    displayName: row.display_name,
    title: row.title,
    preferredLanguage: row.preferred_language,
    department: row.department,
    manager: row.manager,
    suspended: row.suspended,
    packageId: row.package,
    locationName: row.location_name,
    extension: row.extension,
    document: (typeof row.document === 'string' ? JSON.parse(row.document) : (row.document ?? {})) as Record<
      string,
      unknown
    >,
    groups,
    createdAt: row.created_at,
    updatedAt,
    version: `${row.user_version}.${row.scim_version ?? 0}`,
  };
}

async function groupsOf(executor: Executor, customerId: string, userIds: readonly string[]) {
  const byUser = new Map<string, { value: string; display: string }[]>();
  if (userIds.length === 0) return byUser;
  const rows = await scimDb(executor)
    .selectFrom('scim_group_members as m')
    .innerJoin('scim_groups as g', 'g.id', 'm.group_id')
    .select(['m.user_id', 'g.id', 'g.display_name'])
    .where('m.customer_id', '=', customerId)
    .where('m.user_id', 'in', [...userIds])
    .orderBy('g.display_name')
    .execute();
  for (const row of rows) {
    const list = byUser.get(row.user_id) ?? [];
    list.push({ value: row.id, display: row.display_name });
    byUser.set(row.user_id, list);
  }
  return byUser;
}

export async function findScimUser(
  executor: Executor,
  customerId: string,
  userId: string,
): Promise<ScimUserRecord | undefined> {
  const row = await baseQuery(executor, customerId).where('u.id', '=', userId).executeTakeFirst();
  if (!row) return undefined;
  const groups = await groupsOf(executor, customerId, [row.id]);
  return toRecord(row, groups.get(row.id) ?? []);
}

export interface ScimUserQuery {
  readonly where?: Expression<SqlBool>;
  readonly orderBy?: { readonly expr: RawBuilder<unknown>; readonly descending: boolean };
  /** 0-based. */
  readonly offset: number;
  readonly limit: number | null;
}

export async function queryScimUsers(
  executor: Executor,
  customerId: string,
  query: ScimUserQuery,
): Promise<{ readonly total: number; readonly records: ScimUserRecord[] }> {
  let select = baseQuery(executor, customerId);
  let count = scimDb(executor)
    .selectFrom('users as u')
    .leftJoin('scim_users as su', 'su.user_id', 'u.id')
    .where('u.customer_id', '=', customerId)
    .select(sql<number>`count(*)::int`.as('total'));
  if (query.where !== undefined) {
    select = select.where(query.where);
    count = count.where(query.where);
  }
  if (query.orderBy !== undefined) {
    const direction = query.orderBy.descending ? sql`desc nulls last` : sql`asc nulls last`;
    select = select.orderBy(sql`lower(${query.orderBy.expr}::text) ${direction}`);
  }
  select = select.orderBy('u.created_at').orderBy('u.id').offset(query.offset);
  if (query.limit !== null) select = select.limit(query.limit);
  const [rows, totalRow] = await Promise.all([select.execute(), count.executeTakeFirstOrThrow()]);
  const groups = await groupsOf(
    executor,
    customerId,
    rows.map((row) => row.id),
  );
  return {
    total: Number(totalRow.total),
    records: rows.map((row) => toRecord(row, groups.get(row.id) ?? [])),
  };
}

/** The user holding `userName` in the customer (case-insensitive), SCIM-created or not. */
export async function findUserIdByUserName(
  executor: Executor,
  customerId: string,
  userName: string,
): Promise<string | undefined> {
  const lower = userName.trim().toLowerCase();
  const row = await scimDb(executor)
    .selectFrom('users as u')
    .leftJoin('scim_users as su', 'su.user_id', 'u.id')
    .select('u.id')
    .where('u.customer_id', '=', customerId)
    .where((eb) =>
      eb.or([
        eb(sql`lower(su.user_name)`, '=', lower),
        eb.and([eb('su.user_id', 'is', null), eb(sql`lower(u.email)`, '=', lower)]),
      ]),
    )
    .executeTakeFirst();
  return row?.id;
}

export interface ScimUserWriteRow {
  readonly userId: string;
  readonly customerId: string;
  readonly userName: string;
  readonly externalId: string | null;
  readonly document: Record<string, unknown>;
}

export async function upsertScimUserRow(executor: Executor, row: ScimUserWriteRow): Promise<void> {
  await scimDb(executor)
    .insertInto('scim_users')
    .values({
      user_id: row.userId,
      customer_id: row.customerId,
      user_name: row.userName,
      external_id: row.externalId,
      document: JSON.stringify(row.document),
    })
    .onConflict((conflict) =>
      conflict.column('user_id').doUpdateSet({
        user_name: row.userName,
        external_id: row.externalId,
        document: JSON.stringify(row.document),
        version: sql`scim_users.version + 1`,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

/** Users of the customer among `userIds`, with what a group shows of them. */
export async function findCustomerUsers(
  executor: Executor,
  customerId: string,
  userIds: readonly string[],
): Promise<{ id: string; display: string }[]> {
  if (userIds.length === 0) return [];
  const rows = await scimDb(executor)
    .selectFrom('users as u')
    .leftJoin('scim_users as su', 'su.user_id', 'u.id')
    .select(['u.id', 'u.display_name', 'u.email', 'su.user_name'])
    .where('u.customer_id', '=', customerId)
    .where(sql<string>`u.id::text`, 'in', [...userIds])
    .execute();
  return rows.map((row) => ({ id: row.id, display: row.display_name ?? row.user_name ?? row.email }));
}
