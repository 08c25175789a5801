// Pure mapping between our users and the public Wholesale subscriber shape (SPEC §5, §7). The
// public status enum has only `provisioned` and `pending_user_migration`: a user in our richer
// `error` state shows as provisioned with its errors listed, as the public API does.
import { isPackageId, type PackageId } from '../packages/catalog.ts';
import type { ProvisioningErrorRecord } from './public-customer.ts';
import { toPublicError, type WholesaleCode, type WholesaleCodeName } from './wholesale-codes.ts';

export type UserProvisioningStatus = 'provisioned' | 'pending_user_migration' | 'error';
export type PublicSubscriberStatus = 'provisioned' | 'pending_user_migration';

export interface SubscriberRecord {
  readonly id: string;
  readonly customerId: string;
  readonly email: string;
  readonly package: string | null;
  readonly attendantConsole: boolean;
  readonly status: UserProvisioningStatus;
  readonly errors: readonly ProvisioningErrorRecord[];
  readonly createdAt: Date;
  readonly statusChangedAt: Date;
}

export interface PublicSubscriberShape {
  id: string;
  personId?: string;
  email: string;
  customerId: string;
  externalCustomerId: string;
  package?: PackageId;
  packages: (PackageId | 'attendant_console')[];
  status: PublicSubscriberStatus;
  errors?: WholesaleCode[];
  created: string;
  lastStatusChange: string;
}

export function toPublicStatus(status: UserProvisioningStatus): PublicSubscriberStatus {
  return status === 'pending_user_migration' ? 'pending_user_migration' : 'provisioned';
}

/** Public status filter → our statuses (`provisioned` includes our `error`: it shows that way). */
export function fromPublicStatuses(statuses: readonly PublicSubscriberStatus[]): UserProvisioningStatus[] {
  return statuses.flatMap((status) =>
    status === 'provisioned' ? (['provisioned', 'error'] as const) : (['pending_user_migration'] as const),
  );
}

export function toPublicSubscriber(
  user: SubscriberRecord,
  customer: { readonly externalId: string },
): PublicSubscriberShape {
  const packageId = user.package !== null && isPackageId(user.package) ? user.package : undefined;
  const packages: PublicSubscriberShape['packages'] = packageId ? [packageId] : [];
  if (packageId && user.attendantConsole) packages.push('attendant_console');
  const status = toPublicStatus(user.status);
  const shape: PublicSubscriberShape = {
    id: user.id,
    email: user.email,
    customerId: user.customerId,
    externalCustomerId: customer.externalId,
    packages,
    status,
    created: user.createdAt.toISOString(),
    lastStatusChange: user.statusChangedAt.toISOString(),
  };
  if (packageId) shape.package = packageId;
  // "Only presented when status is `provisioned`" (public description of personId).
  if (status === 'provisioned') shape.personId = user.id;
  if (user.errors.length > 0) shape.errors = user.errors.map(toPublicError);
  return shape;
}

export interface SubscriberPackageChoice {
  packageId: PackageId;
  attendantConsole: boolean;
}

/**
 * `package` or `packages` (the schema has already refused both or neither) → one package plus the
 * optional add-on. Contact-centre agent packages exist publicly but not here.
 */
export function subscriberPackagesFromPublic(input: {
  package?: string | undefined;
  packages?: readonly string[] | undefined;
}): { ok: true; value: SubscriberPackageChoice } | { ok: false; errors: WholesaleCodeName[] } {
  const requested = input.package !== undefined ? [input.package] : [...new Set(input.packages ?? [])];
  const attendantConsole = requested.includes('attendant_console');
  const rest = requested.filter((id) => id !== 'attendant_console');
  if (rest.some((id) => !isPackageId(id))) return { ok: false, errors: ['package_not_supported'] };
  const main = rest.filter(isPackageId);
  // SPEC §3: exactly one package per user; the add-on alone is not a package.
  if (main.length !== 1 || !main[0]) return { ok: false, errors: ['invalid_request'] };
  return { ok: true, value: { packageId: main[0], attendantConsole } };
}
