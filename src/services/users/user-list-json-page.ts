// The admin API's user list page as ready JSON text (ADR 0068): the same access checks, filters
// and cursor as listUserViews, but the database writes the items, so the route sends them as they
// come instead of parsing rows, building UserViews and serializing them again.
import { notFound } from '../../domain/errors.ts';
import { listUsersJson, type UserListCustomer } from '../../db/repositories/user-list-json.ts';
import { customerScope } from '../access/policy.ts';
import type { ServiceContext } from '../context.ts';
import { requireCustomer } from '../customers/customer-service.ts';
import { requireLocation } from '../locations/location-service.ts';
import { decodeCursor, encodeCursor, type CursorPosition } from '../paging.ts';
import type { ListUsersInput } from './user-service.ts';

export interface UserListJson {
  /** `{"items":[…]}`, byte for byte what the route's schema writes from listUserViews' page. */
  readonly json: string;
  readonly nextCursor: string | null;
}

/** The cursor's position, or undefined when it is not a cursor (refused after the customer check). */
function readableCursor(cursor: string | undefined): CursorPosition | null | undefined {
  try {
    return decodeCursor(cursor);
  } catch {
    return undefined;
  }
}

export async function listUsersAsJson(
  context: ServiceContext,
  customerRef: string,
  input: ListUsersInput,
): Promise<UserListJson> {
  const after = readableCursor(input.cursor);
  if (input.location || after === undefined) {
    // As listUserViews, in its order: the customer (404), the location (404), the cursor (400).
    const customer = await requireCustomer(context, customerRef);
    const location = input.location ? await requireLocation(context.db, customer.id, input.location) : null;
    return render(context, { id: customer.id }, input, decodeCursor(input.cursor), location?.id);
  }
  // The common request: the page's own query finds the customer, in requireCustomer's scope.
  const scope = { ...customerScope(context.actor), actingPartnerId: context.actor.partnerId };
  return render(context, { ref: customerRef, scope }, input, after, undefined);
}

async function render(
  context: ServiceContext,
  customer: UserListCustomer,
  input: ListUsersInput,
  after: CursorPosition | null,
  locationId: string | undefined,
): Promise<UserListJson> {
  const page = await listUsersJson(context.db, customer, {
    search: input.search,
    packageId: input.package,
    status: input.status,
    locationId,
    after,
    limit: input.limit,
  });
  if (!page) throw notFound('Customer', 'Klant');
  return {
    json: `{"items":[${page.itemsJson}]}`,
    // The cursor's key as listUserViews makes it: the email lowercased by JavaScript, not SQL.
    nextCursor: page.last ? encodeCursor({ key: page.last.email.toLowerCase(), id: page.last.id }) : null,
  };
}
