// SQL behind the Wholesale API's lists (SPEC §7): offset paging (`offset`/`max`) and the public
// filters. Every query takes the caller's customer scope, so another partner's customers and
// subscribers are never returned.
import { sql } from 'kysely';
import type { CustomerScope } from '../../services/access/policy.ts';
import type { Executor } from '../../services/context.ts';
import type { CustomerRow, CustomerStatus, UserRow, UserStatus } from '../schema.ts';

export interface CustomerPageFilter {
  readonly externalId?: string | undefined;
  readonly id?: string | undefined;
  readonly statuses?: readonly CustomerStatus[] | undefined;
  readonly offset: number;
  readonly limit: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function listCustomersByOffset(
  executor: Executor,
  scope: CustomerScope,
  filter: CustomerPageFilter,
): Promise<CustomerRow[]> {
  let query = executor.selectFrom('customers').selectAll();
  if (scope.partnerId !== null) query = query.where('partner_id', '=', scope.partnerId);
  if (scope.customerId !== null) query = query.where('id', '=', scope.customerId);
  if (filter.externalId !== undefined) query = query.where('external_id', '=', filter.externalId);
  if (filter.id !== undefined) {
    if (!UUID.test(filter.id)) return [];
    query = query.where('id', '=', filter.id);
  }
  if (filter.statuses && filter.statuses.length > 0)
    query = query.where('status', 'in', [...filter.statuses]);
  return query.orderBy('created_at').orderBy('id').offset(filter.offset).limit(filter.limit).execute();
}

export type SubscriberRow = UserRow & { customer_external_id: string; status_changed_at: Date };

export interface SubscriberFilter {
  readonly customerId?: string | undefined;
  readonly userId?: string | undefined;
  readonly externalCustomerId?: string | undefined;
  readonly email?: string | undefined;
  readonly statuses?: readonly UserStatus[] | undefined;
  readonly createdAfter?: Date | undefined;
  readonly statusChangedAfter?: Date | undefined;
  readonly sortBy: 'created' | 'lastStatusChange';
  readonly sortOrder: 'ASC' | 'DESC';
  readonly offset: number;
  readonly limit: number;
}

function subscribers(executor: Executor, scope: CustomerScope) {
  let query = executor
    .selectFrom('users')
    .innerJoin('customers', 'customers.id', 'users.customer_id')
    .selectAll('users')
    .select([
      'customers.external_id as customer_external_id',
      sql<Date>`users.status_changed_at`.as('status_changed_at'),
    ])
    // A user without a package is not a wholesale subscriber (SPEC §3).
    .where('users.package', 'is not', null);
  if (scope.partnerId !== null) query = query.where('customers.partner_id', '=', scope.partnerId);
  if (scope.customerId !== null) query = query.where('customers.id', '=', scope.customerId);
  return query;
}

export async function listSubscribers(
  executor: Executor,
  scope: CustomerScope,
  filter: SubscriberFilter,
): Promise<SubscriberRow[]> {
  let query = subscribers(executor, scope);
  for (const id of [filter.customerId, filter.userId]) if (id !== undefined && !UUID.test(id)) return [];
  if (filter.customerId !== undefined) query = query.where('users.customer_id', '=', filter.customerId);
  if (filter.userId !== undefined) query = query.where('users.id', '=', filter.userId);
  if (filter.externalCustomerId !== undefined) {
    query = query.where('customers.external_id', '=', filter.externalCustomerId);
  }
  if (filter.email !== undefined)
    query = query.where(sql`lower(users.email)`, '=', filter.email.toLowerCase());
  if (filter.statuses && filter.statuses.length > 0)
    query = query.where('users.status', 'in', [...filter.statuses]);
  // The API shows these instants to the millisecond while the columns keep microseconds: "after
  // X" is after X's millisecond, so a subscriber's own `created` leaves it out (as on PGlite,
  // whose clock ticks in milliseconds). `>= X + 1 ms` is that, and keeps the index usable.
  if (filter.createdAfter) {
    query = query.where('users.created_at', '>=', afterMillisecond(filter.createdAfter));
  }
  if (filter.statusChangedAfter) {
    const from = afterMillisecond(filter.statusChangedAfter);
    query = query.where(sql<boolean>`users.status_changed_at >= ${from}`);
  }
  const direction = filter.sortOrder === 'DESC' ? sql`desc` : sql`asc`;
  const column = filter.sortBy === 'lastStatusChange' ? sql`users.status_changed_at` : sql`users.created_at`;
  return query
    .orderBy(sql`${column} ${direction}`)
    .orderBy(sql`users.id ${direction}`)
    .offset(filter.offset)
    .limit(filter.limit)
    .execute() as Promise<SubscriberRow[]>;
}

/** The first instant after `instant`'s millisecond (a Date holds whole milliseconds). */
function afterMillisecond(instant: Date): Date {
  return new Date(instant.getTime() + 1);
}

export async function findSubscriber(
  executor: Executor,
  scope: CustomerScope,
  userId: string,
): Promise<SubscriberRow | undefined> {
  if (!UUID.test(userId)) return undefined;
  return subscribers(executor, scope).where('users.id', '=', userId).executeTakeFirst() as Promise<
    SubscriberRow | undefined
  >;
}
