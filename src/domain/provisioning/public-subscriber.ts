// Pure mapping between our users and the public Wholesale subscriber shape (SPEC §5, §7). The
// public status enum has only `provisioned` and `pending_user_migration`: a user in our richer
// `error` state shows as provisioned with its errors listed, as the public API does.
import { validationFailed, type AppError, type LocalizedText } from '../errors.ts';
import {
  ADD_ON_IDS,
  ADD_ONS,
  PACKAGE_IDS,
  isPackageId,
  type AddOnId,
  type PackageId,
} from '../packages/catalog.ts';
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

/** Why a subscriber's `package`/`packages` were refused, worded for the client (SPEC §7). */
export interface PackageRefusal {
  readonly code: Extract<
    WholesaleCodeName,
    'invalid_request' | 'package_not_supported' | 'add_on_not_allowed'
  >;
  readonly text: LocalizedText;
}

/**
 * `package` or `packages` (the schema has already refused both or neither) → one package plus the
 * optional add-on. Contact-centre agent packages exist publicly but not here. A refusal names the
 * packages and the rule, in the public description's words where it has them ("`attendant_console`
 * is dependent on: …", "Currently accepts only one package in the list"): a bare "The request is
 * invalid." leaves the client guessing which of its packages is wrong.
 */
export function subscriberPackagesFromPublic(input: {
  package?: string | undefined;
  packages?: readonly string[] | undefined;
}): { ok: true; value: SubscriberPackageChoice } | { ok: false; errors: PackageRefusal[] } {
  const requested = input.package !== undefined ? [input.package] : [...new Set(input.packages ?? [])];
  const addOns = requested.filter(isAddOnId);
  const unknown = requested.filter((id) => !isPackageId(id) && !isAddOnId(id));
  const main = requested.filter(isPackageId);
  const errors: PackageRefusal[] = [];
  if (unknown.length > 0) errors.push(unsupported(unknown));
  // SPEC §3: exactly one package per user; the add-on is no package of its own.
  if (main.length > 1) errors.push(moreThanOnePackage(main));
  if (main.length === 0 && unknown.length === 0) errors.push(...addOns.map(addOnWithoutPackage));
  const [packageId] = main;
  if (errors.length > 0) return { ok: false, errors };
  if (packageId === undefined) return { ok: false, errors: [NO_PACKAGE] };
  return { ok: true, value: { packageId, attendantConsole: addOns.includes('attendant_console') } };
}

/** The refusals as the 400 the Wholesale API answers: each one a detail, the first one the message. */
export function packagesRefused(refusals: readonly PackageRefusal[]): AppError {
  const [first = NO_PACKAGE] = refusals;
  return validationFailed(
    refusals.map((refusal) => ({
      code: refusal.code,
      description: refusal.text.en,
      descriptionNl: refusal.text.nl,
    })),
    first.text,
  );
}

/** `a`, `b`, `c`: package ids as the public description writes them. */
function listed(ids: readonly string[]): string {
  return ids.map((id) => `\`${id}\``).join(', ');
}

function isAddOnId(id: string): id is AddOnId {
  return (ADD_ON_IDS as readonly string[]).includes(id);
}

const SUPPORTED = listed([...PACKAGE_IDS, ...ADD_ON_IDS]);

function unsupported(ids: readonly string[]): PackageRefusal {
  const one = ids.length === 1;
  return {
    code: 'package_not_supported',
    text: {
      en: `${one ? 'Package' : 'Packages'} ${listed(ids)} ${one ? 'is' : 'are'} not supported. Supported packages: ${SUPPORTED}.`,
      nl: `${one ? 'Pakket' : 'Pakketten'} ${listed(ids)} ${one ? 'wordt' : 'worden'} niet ondersteund. Ondersteunde pakketten: ${SUPPORTED}.`,
    },
  };
}

function moreThanOnePackage(ids: readonly PackageId[]): PackageRefusal {
  const addOns = listed(ADD_ON_IDS);
  return {
    code: 'invalid_request',
    text: {
      en: `Only one package can be assigned to a subscriber, plus ${addOns}: \`packages\` currently accepts only one package in the list. It has ${listed(ids)}.`,
      nl: `Een abonnee kan maar één pakket krijgen, plus ${addOns}: \`packages\` accepteert maar één pakket in de lijst. Het bevat ${listed(ids)}.`,
    },
  };
}

function addOnWithoutPackage(addOn: AddOnId): PackageRefusal {
  const hosts = listed(ADD_ONS[addOn].allowedWith);
  return {
    code: 'add_on_not_allowed',
    text: {
      en: `\`${addOn}\` is dependent on: ${hosts}. \`packages\` has none of them.`,
      nl: `\`${addOn}\` is afhankelijk van: ${hosts}. \`packages\` bevat geen van deze.`,
    },
  };
}

const NO_PACKAGE: PackageRefusal = {
  code: 'invalid_request',
  text: {
    en: `\`packages\` has no package: a subscriber needs exactly one of ${listed(PACKAGE_IDS)}.`,
    nl: `\`packages\` bevat geen pakket: een abonnee heeft precies één van ${listed(PACKAGE_IDS)} nodig.`,
  },
};
