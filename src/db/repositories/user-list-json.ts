// The API's user list page as JSON text written by the database (ADR 0068): one text value, the
// items of `{"items":[…]}` exactly as the route's serializer writes them from UserView objects, so
// the server neither parses 50 rows (a timestamp regex a value) nor builds and serializes objects.
// Every key, its order and each value's format must stay what toUserView and the `userOutput`
// schema give; test/api/user-list-json.test.ts compares the two byte for byte.
import { sql } from 'kysely';
import type { CustomerScope } from '../../services/access/policy.ts';
import type { Executor } from '../../services/context.ts';
import { isUuid } from './customers.ts';
import { userListPageQuery, type UserListFilter } from './users.ts';

export interface UserListJsonPage {
  /** The page's users as JSON objects joined by commas (no brackets); '' for an empty page. */
  readonly itemsJson: string;
  /** Rows read: `limit + 1` when there is a next page. */
  readonly rowCount: number;
  /** Email and id of the page's last user when there is a next page (the cursor's position). */
  readonly last: { readonly email: string; readonly id: string } | null;
}

// `toISOString()` of the pg driver's Date: UTC, milliseconds truncated from the microseconds.
const isoTimestamp = (column: string) =>
  `'"' || to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"'`;

// `errors` is jsonb, which prints `{"code": …}` with spaces and in its own key order; the schema
// writes each error as {code, description} only, in that order.
const errorsJson = `case when users.errors = '[]'::jsonb then '[]' else (
    select '[' || coalesce(string_agg(
      '{"code":' || coalesce(to_json(e.value ->> 'code')::text, 'null') ||
      ',"description":' || coalesce(to_json(e.value ->> 'description')::text, 'null') || '}',
      ',' order by e.ordinality), '') || ']'
    from jsonb_array_elements(users.errors) with ordinality as e
  ) end`;

/** How a column is written as a JSON value (SQL text); `null` where the schema allows it. */
const json = {
  /** Free text: escaped as JSON.stringify does (to_json; strict, so a NULL costs nothing). */
  text: (column: string) => `coalesce(to_json(${column})::text, 'null')`,
  /** A uuid, or text a CHECK keeps to letters: nothing to escape. */
  plain: (column: string) => `coalesce('"' || ${column}::text || '"', 'null')`,
  /** `true`/`false` (the text cast, not the `t`/`f` of boolean's output). */
  boolean: (column: string) => `coalesce(${column}::text, 'null')`,
};

// One user as the `userOutput` schema writes it, key for key in the schema's order. Concatenated
// by hand: row_to_json looks up every column's type again for every row (~15 µs a user on this
// machine against ~8 µs for this).
const USER_FIELDS: readonly (readonly [key: string, value: string])[] = [
  ['id', json.plain('users.id')],
  ['customerId', json.plain('users.customer_id')],
  ['email', json.text('users.email')],
  ['firstName', json.text('users.first_name')],
  ['lastName', json.text('users.last_name')],
  ['displayName', json.text('users.display_name')],
  ['title', json.text('users.title')],
  ['department', json.text('users.department')],
  ['manager', json.text('users.manager')],
  ['package', json.text('users.package')],
  ['attendantConsole', json.boolean('users.attendant_console')],
  [
    'basicLicences',
    `'{"basicMessaging":' || ${json.boolean('users.basic_messaging')} ||
      ',"basicSpaceMeetings":' || ${json.boolean('users.basic_space_meetings')} ||
      ',"callingFromWebex":' || ${json.boolean('users.calling_from_webex')} || '}'`,
  ],
  ['jabberCalling', json.boolean('users.jabber_calling')],
  ['jabberWithWebexTeams', json.boolean('users.jabber_webex_teams')],
  ['preferredWebexSite', json.text('users.preferred_webex_site')],
  ['preferredLanguage', json.text('users.preferred_language')],
  ['timeZone', json.text('users.time_zone')],
  ['locationId', json.plain('users.location_id')],
  ['locationName', json.text('locations.name')],
  ['extension', json.text('users.extension')],
  ['phoneNumber', json.text('users.phone_number')],
  ['callerIdNumber', json.text('users.caller_id_number')],
  ['callerIdFirstName', json.text('users.caller_id_first_name')],
  ['callerIdLastName', json.text('users.caller_id_last_name')],
  // A CHECK keeps status to three words.
  ['status', json.plain('users.status')],
  ['errors', errorsJson],
  ['suspended', json.boolean('users.suspended')],
  ['createdAt', isoTimestamp('users.created_at')],
  ['updatedAt', isoTimestamp('users.updated_at')],
];

// format() with one template: a single function for the planner to resolve, where `||` needs an
// operator lookup for each of ~60 pieces on every request (parse analysis is per query).
const userJson = sql<string>`format(${sql.lit(
  USER_FIELDS.map(([key], index) => `${index === 0 ? '{' : ','}"${key}":%s`).join('') + '}',
)}, ${sql.raw(USER_FIELDS.map(([, value]) => value).join(', '))})`;

/**
 * Whose users: a customer already looked up, or one to find by id or externalId within the
 * caller's scope in the page's own query (one round trip instead of two).
 */
export type UserListCustomer =
  | { readonly id: string }
  | { readonly ref: string; readonly scope: CustomerScope & { readonly actingPartnerId: string } };

/**
 * The customer's id, as findCustomerByRef finds it (customers.ts): by id when the ref is a uuid,
 * else (or when no customer has that id) by the partner's externalId; never outside the scope.
 */
function customerIdByRef(
  executor: Executor,
  scope: CustomerScope & { readonly actingPartnerId: string },
  ref: string,
) {
  let query = executor.selectFrom('customers').select('customers.id');
  if (scope.partnerId !== null) query = query.where('customers.partner_id', '=', scope.partnerId);
  if (scope.customerId !== null) query = query.where('customers.id', '=', scope.customerId);
  const partnerId = scope.partnerId ?? scope.actingPartnerId;
  if (!isUuid(ref)) {
    return query
      .where('customers.partner_id', '=', partnerId)
      .where('customers.external_id', '=', ref)
      .limit(1);
  }
  return query
    .where((eb) =>
      eb.or([
        eb('customers.id', '=', ref),
        eb.and([eb('customers.partner_id', '=', partnerId), eb('customers.external_id', '=', ref)]),
      ]),
    )
    .orderBy(sql`customers.id = ${ref}::uuid`, 'desc')
    .limit(1);
}

interface JsonPageRow {
  customer_id: string | null;
  items_json: string;
  row_count: number;
  last_email: string | null;
  last_id: string | null;
}

/**
 * The same rows as listUsers (one customer's, filtered, sorted, `limit + 1`), as one row of text:
 * the first `limit` users' JSON in page order, and where the next page starts. Null when the
 * customer is to be found by ref and is not there (or not the caller's to see).
 */
export async function listUsersJson(
  executor: Executor,
  customer: UserListCustomer,
  filter: UserListFilter,
): Promise<UserListJsonPage | null> {
  const customerId = 'id' in customer ? customer.id : customerIdByRef(executor, customer.scope, customer.ref);
  const rows = userListPageQuery(executor, customerId, filter).select([
    userJson.as('item'),
    'users.email',
    'users.id',
    sql<string>`lower(users.email)`.as('sort_key'),
  ]);
  const { rows: result } = await sql<JsonPageRow>`
    select ${customerId} as customer_id,
           coalesce(string_agg(p.item, ',' order by p.n) filter (where p.n <= ${filter.limit}), '') as items_json,
           count(*)::int as row_count,
           min(p.email) filter (where p.n = ${filter.limit}) as last_email,
           min(p.id::text) filter (where p.n = ${filter.limit}) as last_id
    from (select r.*, row_number() over (order by r.sort_key, r.id) as n from ${rows.as('r')}) as p`.execute(
    executor,
  );
  const row = result[0];
  if (!row || row.customer_id === null) return null;
  const { last_email: email, last_id: id } = row;
  return {
    itemsJson: row.items_json,
    rowCount: row.row_count,
    last: row.row_count > filter.limit && email !== null && id !== null ? { email, id } : null,
  };
}
