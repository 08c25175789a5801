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

// `errors` is jsonb, which prints `{"code": …}` with spaces and in its own key order; the schema
// writes each error as {code, description} only, in that order.
const errorsJson = `case when users.errors = '[]'::jsonb then '[]' else (
    select '[' || coalesce(string_agg(
      '{"code":' || coalesce(to_json(e.value ->> 'code')::text, 'null') ||
      ',"description":' || coalesce(to_json(e.value ->> 'description')::text, 'null') || '}',
      ',' order by e.ordinality), '') || ']'
    from jsonb_array_elements(users.errors) with ordinality as e
  ) end`;

/**
 * How a value is written: its piece of the object's template and the SQL text (never NULL) for
 * each `%s` in it. Every argument is text, so format() looks one output function up.
 */
type Field = readonly [template: string, ...values: string[]];
const field = {
  /** Free text: escaped as JSON.stringify does (to_json; strict, so a NULL costs nothing). */
  text: (column: string): Field => ['%s', `coalesce(to_json(${column})::text, 'null')`],
  /** Free text in a NOT NULL column. */
  requiredText: (column: string): Field => ['%s', `to_json(${column})::text`],
  /** A NOT NULL uuid, or text a CHECK keeps to letters: nothing to escape. */
  plain: (column: string): Field => ['"%s"', `${column}::text`],
  /** A uuid that may be NULL. */
  optionalPlain: (column: string): Field => ['%s', `coalesce('"' || ${column}::text || '"', 'null')`],
  /** `true`/`false` (the text cast, not the `t`/`f` of boolean's output). */
  boolean: (column: string): Field => ['%s', `${column}::text`],
  optionalBoolean: (column: string): Field => ['%s', `coalesce(${column}::text, 'null')`],
  /** `toISOString()` of the pg driver's Date: UTC, milliseconds truncated from the microseconds. */
  timestamp: (column: string): Field => [
    '"%s"',
    `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  ],
};

// One user as the `userOutput` schema writes it, key for key in the schema's order (the NOT NULL
// columns of 0001_foundation.sql without a NULL case). One format() template: row_to_json looks
// every column's type up again for every row (~12–15 µs a user here, against ~6–8 µs), and ~60
// `||` operators would each be resolved again when every request's query is parsed.
const USER_FIELDS: readonly (readonly [key: string, field: Field])[] = [
  ['id', field.plain('users.id')],
  ['customerId', field.plain('users.customer_id')],
  ['email', field.requiredText('users.email')],
  ['firstName', field.text('users.first_name')],
  ['lastName', field.text('users.last_name')],
  ['displayName', field.text('users.display_name')],
  ['title', field.text('users.title')],
  ['department', field.text('users.department')],
  ['manager', field.text('users.manager')],
  ['package', field.text('users.package')],
  ['attendantConsole', field.boolean('users.attendant_console')],
  [
    'basicLicences',
    [
      '{"basicMessaging":%s,"basicSpaceMeetings":%s,"callingFromWebex":%s}',
      'users.basic_messaging::text',
      'users.basic_space_meetings::text',
      'users.calling_from_webex::text',
    ],
  ],
  ['jabberCalling', field.optionalBoolean('users.jabber_calling')],
  ['jabberWithWebexTeams', field.optionalBoolean('users.jabber_webex_teams')],
  ['preferredWebexSite', field.text('users.preferred_webex_site')],
  ['preferredLanguage', field.text('users.preferred_language')],
  ['timeZone', field.text('users.time_zone')],
  ['locationId', field.optionalPlain('users.location_id')],
  ['locationName', field.text('locations.name')],
  ['extension', field.text('users.extension')],
  ['phoneNumber', field.text('users.phone_number')],
  ['callerIdNumber', field.text('users.caller_id_number')],
  ['callerIdFirstName', field.text('users.caller_id_first_name')],
  ['callerIdLastName', field.text('users.caller_id_last_name')],
  // A CHECK keeps status to three words.
  ['status', field.plain('users.status')],
  ['errors', ['%s', errorsJson]],
  ['suspended', field.boolean('users.suspended')],
  ['createdAt', field.timestamp('users.created_at')],
  ['updatedAt', field.timestamp('users.updated_at')],
];

/** `{"id":"%s","customerId":"%s",…}`, and the values for its `%s`s in order. */
const USER_TEMPLATE = `${USER_FIELDS.map(([key, [template]], index) => `${index === 0 ? '{' : ','}"${key}":${template}`).join('')}}`;
const USER_VALUES = USER_FIELDS.flatMap(([, [, ...values]]) => values);

const userJson = sql<string>`format(${sql.lit(USER_TEMPLATE)}, ${sql.raw(USER_VALUES.join(', '))})`;

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
