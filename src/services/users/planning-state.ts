// The planner's view of one customer, loaded for the few users a request touches (single add,
// batch of 25, package change, SCIM) instead of the whole customer. Usage counts come from the
// database, corrected for the loaded users so that applying plans keeps them exact. A plan that
// will be written is loaded under the customer's usage lock (ADR 0073), so no concurrent writer
// can take the slot it counted as free.
import type { SellableId, PackageId } from '../../domain/packages/catalog.ts';
import { isPackageId } from '../../domain/packages/catalog.ts';
import { InMemoryCustomerState } from '../../domain/users/in-memory-customer-state.ts';
import type { UserState } from '../../domain/users/user-state.ts';
import { notFound } from '../../domain/errors.ts';
import { canStart, customerBusy } from '../../domain/provisioning/customer-lifecycle.ts';
import {
  countPackageUsage,
  listCustomerPackages,
  lockCustomerUsage,
} from '../../db/repositories/customers.ts';
import { listLocations } from '../../db/repositories/locations.ts';
import {
  customerFullAdminEmails,
  emailsTakenElsewhere,
  findRelevantUsers,
  toUserState,
} from '../../db/repositories/users.ts';
import type { CustomerRow, UserRow } from '../../db/schema.ts';
import type { Executor } from '../context.ts';
import { normalizePhoneNumber } from '../../domain/phone/normalize-phone.ts';

class QueriedCustomerState extends InMemoryCustomerState {
  readonly #baseUsage: ReadonlyMap<string, number>;

  constructor(
    snapshot: ConstructorParameters<typeof InMemoryCustomerState>[0],
    baseUsage: ReadonlyMap<string, number>,
  ) {
    super(snapshot);
    // Usage of users not loaded here: the stored totals minus what the loaded users contribute.
    const loadedUsage = new Map<string, number>();
    for (const user of snapshot.users) {
      if (user.packageId) loadedUsage.set(user.packageId, (loadedUsage.get(user.packageId) ?? 0) + 1);
      if (user.addOns.attendant_console)
        loadedUsage.set('attendant_console', (loadedUsage.get('attendant_console') ?? 0) + 1);
    }
    this.#baseUsage = new Map([...baseUsage].map(([id, count]) => [id, count - (loadedUsage.get(id) ?? 0)]));
  }

  /** Exact for packages sold with a limit (the only ones whose usage the rules read). */
  override usage(packageId: SellableId): number {
    return (this.#baseUsage.get(packageId) ?? 0) + super.usage(packageId);
  }
}

export interface PlanningKeys {
  readonly emails: readonly string[];
  readonly extensions: readonly string[];
  /** As given by the caller (any format); normalized here with every location's country. */
  readonly phoneNumbers: readonly string[];
}

export interface PlanningState {
  readonly state: InMemoryCustomerState;
  /** Stored rows of the loaded users, by lower-case email. */
  readonly rowsByEmail: ReadonlyMap<string, UserRow>;
}

export interface PlanningStateOptions {
  /**
   * `write` (the default): the caller's transaction writes what it plans, so the customer's usage
   * lock is taken before usage is counted. `locked`: a write whose transaction took the lock
   * already (`lockUsageOfCustomer`, before a user row) and passes the row it answered. `check`:
   * nothing will be written (the Wholesale precheck); no lock, and any executor.
   */
  readonly purpose?: 'write' | 'locked' | 'check';
}

/**
 * Takes the customer's usage lock (ADR 0073) in a write's transaction and answers the customer as
 * committed now; refuses (409 customer busy) when users may no longer be managed. A transaction
 * that also locks users (a change of an existing user) calls this first: every holder of the lock
 * takes it before any user row, so the lock order is one.
 */
export async function lockUsageOfCustomer(executor: Executor, customerId: string): Promise<CustomerRow> {
  // Outside a transaction the lock would end with its own statement and protect nothing.
  if (!executor.isTransaction) throw new Error('the usage lock needs the writing transaction (ADR 0073)');
  const current = await lockCustomerUsage(executor, customerId);
  if (!current) throw notFound('Customer', 'Klant');
  // The status as committed now: callers checked it before their transaction, but a deletion (or
  // update) may have started since. Under the lock it cannot start until this write commits.
  if (!canStart('manage_users', current.status)) throw customerBusy(current.status);
  return current;
}

export async function loadPlanningState(
  executor: Executor,
  loaded: CustomerRow,
  keys: PlanningKeys,
  options: PlanningStateOptions = {},
): Promise<PlanningState> {
  // Locked before anything is counted; the settings are then read as committed now, too.
  const customer =
    options.purpose === 'check' || options.purpose === 'locked'
      ? loaded
      : await lockUsageOfCustomer(executor, loaded.id);
  const [sold, locations, fullAdmins] = await Promise.all([
    listCustomerPackages(executor, [customer.id]),
    listLocations(executor, customer.id),
    customerFullAdminEmails(executor, customer.id),
  ]);
  // Usage matters only where a limit applies; unlimited packages need no count.
  const limited = sold.filter((entry) => entry.limit !== null).map((entry) => entry.package_id);
  const usage = await countPackageUsage(executor, customer.id, limited);
  const countries = new Set([customer.country, ...locations.map((location) => location.country)]);
  const numbers = new Set<string>();
  for (const raw of keys.phoneNumbers) {
    for (const country of countries) {
      const result = normalizePhoneNumber(raw.replace(/^REMOVE\|/i, ''), country);
      if (result.ok) numbers.add(result.e164);
    }
  }
  const rows = await findRelevantUsers(executor, customer.id, {
    emails: keys.emails,
    extensions: keys.extensions,
    phoneNumbers: [...numbers],
  });
  for (const row of rows) if (row.phone_number) numbers.add(row.phone_number);
  const numberRows = numbers.size
    ? await executor
        .selectFrom('phone_numbers')
        .select(['e164', 'location_id'])
        .where('customer_id', '=', customer.id)
        .where('e164', 'in', [...numbers])
        .execute()
    : [];
  const taken = await emailsTakenElsewhere(executor, customer.id, keys.emails);
  const users: UserState[] = rows.map(toUserState);
  const defaultPackage =
    customer.default_package && isPackageId(customer.default_package)
      ? (customer.default_package as PackageId)
      : null;
  const state = new QueriedCustomerState(
    {
      soldPackages: sold.map((entry) => ({ packageId: entry.package_id as SellableId, limit: entry.limit })),
      locations: locations.map((location) => ({
        id: location.id,
        name: location.name,
        country: location.country,
      })),
      numbers: numberRows.map((row) => ({ e164: row.e164, locationId: row.location_id })),
      users,
      extensionLength: customer.extension_length,
      customerCountry: customer.country,
      defaultPackageTemplate: defaultPackage,
      defaultPreferredWebexSite: customer.default_preferred_webex_site,
      autoAssignBasicLicences: customer.auto_assign_basic_licences,
      directorySync: customer.directory_sync_enabled,
      customerFullAdmins: fullAdmins,
      emailTakenElsewhere: (email) => taken.has(email.toLowerCase()),
    },
    usage,
  );
  return { state, rowsByEmail: new Map(rows.map((row) => [row.email.toLowerCase(), row])) };
}
