// Pure mapping between our customer model and the public Wholesale customer shape (SPEC §2, §7).
// The route's zod schemas parse the requests; these functions apply the public API's rules that a
// schema cannot express (supported packages, the first location a calling package needs, the
// add-on dependency) and turn the result into what the services store.
import { ADD_ONS, CALLING_SELLABLE_IDS, isSellableId, type SellableId } from '../packages/catalog.ts';
import type { CustomerStatus } from './customer-lifecycle.ts';
import { toPublicError, type WholesaleCode, type WholesaleCodeName } from './wholesale-codes.ts';

export interface ProvisioningErrorRecord {
  readonly code: string;
  readonly description: string;
  /** Dutch text for the admin API's Dutch readers; the public API answers `description`. */
  readonly descriptionNl?: string | undefined;
  /** Set when the error concerns one sold package rather than the organization. */
  readonly packageId?: string | undefined;
}

export interface CustomerRecord {
  readonly id: string;
  readonly externalId: string;
  readonly status: CustomerStatus;
  readonly addressLine1: string | null;
  readonly addressLine2: string | null;
  readonly city: string | null;
  readonly stateOrProvince: string | null;
  readonly zipCode: string | null;
  readonly country: string;
  readonly packages: readonly { readonly packageId: string; readonly limit: number | null }[];
  readonly errors: readonly ProvisioningErrorRecord[];
}

export interface PublicAddressShape {
  addressLine1?: string;
  addressLine2?: string;
  city?: string;
  stateOrProvince?: string;
  zipOrPostalCode?: string;
  country?: string;
}

export type PublicPackageStatus = 'provisioned' | 'provisioning' | 'deleting' | 'error';

export interface PublicCustomerShape {
  id: string;
  orgId?: string;
  externalId: string;
  address: PublicAddressShape;
  status: CustomerStatus;
  packages: SellableId[];
  resourceDetails?: {
    packages: { name: SellableId; status: PublicPackageStatus; errors?: WholesaleCode[] }[];
  };
  errors?: WholesaleCode[];
}

function present<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined && value !== '';
}

function packageStatus(status: CustomerStatus): PublicPackageStatus {
  if (status === 'provisioning' || status === 'updating') return 'provisioning';
  if (status === 'deleting') return 'deleting';
  if (status === 'error') return 'error';
  return 'provisioned';
}

function errorsOfPackage(errors: readonly ProvisioningErrorRecord[], packageId: string): WholesaleCode[] {
  return errors.filter((error) => error.packageId === packageId).map(toPublicError);
}

export function toPublicCustomer(customer: CustomerRecord): PublicCustomerShape {
  const address: PublicAddressShape = { country: customer.country };
  if (present(customer.addressLine1)) address.addressLine1 = customer.addressLine1;
  if (present(customer.addressLine2)) address.addressLine2 = customer.addressLine2;
  if (present(customer.city)) address.city = customer.city;
  if (present(customer.stateOrProvince)) address.stateOrProvince = customer.stateOrProvince;
  if (present(customer.zipCode)) address.zipOrPostalCode = customer.zipCode;

  const packages = customer.packages.map((entry) => entry.packageId).filter(isSellableId);
  const shape: PublicCustomerShape = {
    id: customer.id,
    externalId: customer.externalId,
    address,
    status: customer.status,
    packages,
    resourceDetails: {
      packages: packages.map((name) => {
        const errors = errorsOfPackage(customer.errors, name);
        return errors.length > 0
          ? { name, status: 'error' as const, errors }
          : { name, status: packageStatus(customer.status) };
      }),
    },
  };
  // "Only presented when status is `provisioned`" (public description of orgId).
  if (customer.status === 'provisioned') shape.orgId = customer.id;
  const orgErrors = customer.errors.filter((error) => !error.packageId).map(toPublicError);
  if (orgErrors.length > 0) shape.errors = orgErrors;
  return shape;
}

// ---- requests → our model ---------------------------------------------------------------------

export interface PublicAddressInput {
  addressLine1: string;
  addressLine2?: string | undefined;
  city: string;
  stateOrProvince?: string | undefined;
  zipOrPostalCode?: string | undefined;
  country: string;
}

export interface PublicLocationInput {
  name: string;
  address: PublicAddressInput;
  timezone: string;
  language: string;
  emergencyLocationIdentifier?: string | undefined;
}

export interface PublicProvisioningParametersInput {
  calling?: { location: PublicLocationInput } | undefined;
  meetings?: { timezone?: string | undefined } | undefined;
  packages?: { limits?: Partial<Record<string, number>> | undefined } | undefined;
}

export interface PublicCustomerCreateInput {
  packages: readonly string[];
  orgId?: string | undefined;
  externalId: string;
  address: PublicAddressInput;
  customerInfo?: { name: string; primaryEmail: string; language?: string | undefined } | undefined;
  provisioningParameters?: PublicProvisioningParametersInput | undefined;
}

export interface PublicCustomerUpdateInput {
  externalId?: string | undefined;
  packages: readonly string[];
  address?: PublicAddressInput | undefined;
  provisioningParameters?: PublicProvisioningParametersInput | undefined;
}

export interface AddressDraft {
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  stateOrProvince: string | null;
  zipCode: string | null;
  country: string;
}

export interface LocationDraft extends AddressDraft {
  name: string;
  timeZone: string;
  language: string | null;
}

export interface SoldPackageDraft {
  packageId: SellableId;
  limit: number | null;
}

export interface CustomerDraft {
  name: string;
  externalId: string;
  adminEmail: string;
  language: string;
  address: AddressDraft;
  packages: SoldPackageDraft[];
  firstLocation: LocationDraft | null;
}

export interface CustomerChanges {
  externalId?: string;
  address?: AddressDraft;
  packages: SoldPackageDraft[];
  firstLocation: LocationDraft | null;
}

export type MappingResult<T> = { ok: true; value: T } | { ok: false; errors: WholesaleCodeName[] };

/** Customer-level packages that mean calling: the user calling packages and common area calling. */
const CALLING_PACKAGES: ReadonlySet<string> = new Set(CALLING_SELLABLE_IDS);

/** SPEC §2: the Wholesale API requires a first location whenever a calling package is sold. */
export function requiresFirstLocation(packages: readonly string[]): boolean {
  return packages.some((packageId) => CALLING_PACKAGES.has(packageId));
}

/** "`attendant_console` is dependent on: `webex_calling`, `webex_suite`, `cx_essentials`". */
export const ATTENDANT_CONSOLE_HOSTS: readonly string[] = ADD_ONS.attendant_console.allowedWith;

function toAddress(input: PublicAddressInput): AddressDraft {
  return {
    addressLine1: input.addressLine1,
    addressLine2: input.addressLine2 || null,
    city: input.city,
    stateOrProvince: input.stateOrProvince || null,
    zipCode: input.zipOrPostalCode || null,
    country: input.country.toUpperCase(),
  };
}

function toLocation(input: PublicLocationInput): LocationDraft {
  return {
    ...toAddress(input.address),
    name: input.name,
    timeZone: input.timezone,
    language: normalizeLanguage(input.language) ?? input.language,
  };
}

/** The package list and its limits, checked the way the public API checks them. */
function soldPackages(
  packages: readonly string[],
  limits: Partial<Record<string, number>> | undefined,
): MappingResult<SoldPackageDraft[]> {
  const errors: WholesaleCodeName[] = [];
  const unique = [...new Set(packages)];
  if (unique.some((packageId) => !isSellableId(packageId))) errors.push('package_not_supported');
  if (unique.includes('attendant_console') && !unique.some((id) => ATTENDANT_CONSOLE_HOSTS.includes(id))) {
    errors.push('add_on_not_allowed');
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: unique
      .filter(isSellableId)
      .map((packageId) => ({ packageId, limit: limits?.[packageId] ?? null })),
  };
}

/** Normalizes `en`, `en-us`, `en_us` to our `en` / `en_US` form. */
export function normalizeLanguage(language: string | undefined): string | null {
  if (!language) return null;
  const match = /^([a-zA-Z]{2,3})(?:[-_]([a-zA-Z]{2}))?$/.exec(language.trim());
  if (!match || !match[1]) return null;
  return match[2] ? `${match[1].toLowerCase()}_${match[2].toUpperCase()}` : match[1].toLowerCase();
}

export function customerDraftFromCreate(request: PublicCustomerCreateInput): MappingResult<CustomerDraft> {
  const errors: WholesaleCodeName[] = [];
  // An existing org cannot be adopted here: with customerInfo the org is created (the example
  // request carries both); an orgId alone cannot be provisioned.
  if (!request.customerInfo)
    errors.push(request.orgId ? 'customer_exists_for_org' : 'customer_info_required');
  const location = request.provisioningParameters?.calling?.location;
  if (requiresFirstLocation(request.packages) && !location) errors.push('first_location_required');
  const packages = soldPackages(request.packages, request.provisioningParameters?.packages?.limits);
  if (!packages.ok) errors.push(...packages.errors);
  if (errors.length > 0 || !packages.ok || !request.customerInfo) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name: request.customerInfo.name,
      externalId: request.externalId,
      adminEmail: request.customerInfo.primaryEmail.toLowerCase(),
      language: normalizeLanguage(request.customerInfo.language) ?? 'en_US',
      address: toAddress(request.address),
      packages: packages.value,
      firstLocation: location ? toLocation(location) : null,
    },
  };
}

/**
 * PUT replaces the package list (SPEC §2). A first location is only needed when the customer has
 * none yet and the new list sells calling: the service knows that, so it passes `hasLocation`.
 */
export function customerChangesFromUpdate(
  request: PublicCustomerUpdateInput,
  current: { hasLocation: boolean },
): MappingResult<CustomerChanges> {
  const errors: WholesaleCodeName[] = [];
  const location = request.provisioningParameters?.calling?.location;
  if (requiresFirstLocation(request.packages) && !location && !current.hasLocation) {
    errors.push('first_location_required');
  }
  const packages = soldPackages(request.packages, request.provisioningParameters?.packages?.limits);
  if (!packages.ok) errors.push(...packages.errors);
  if (errors.length > 0 || !packages.ok) return { ok: false, errors };
  const changes: CustomerChanges = {
    packages: packages.value,
    firstLocation: location && !current.hasLocation ? toLocation(location) : null,
  };
  if (request.externalId !== undefined) changes.externalId = request.externalId;
  if (request.address !== undefined) changes.address = toAddress(request.address);
  return { ok: true, value: changes };
}

/**
 * Packages the update would take away while users still hold them (SPEC §2: refused).
 * `inUse` maps a package id to its number of holders.
 */
export function packagesRemovedInUse(
  current: readonly string[],
  next: readonly string[],
  inUse: Readonly<Record<string, number>>,
): string[] {
  return current.filter((packageId) => !next.includes(packageId) && (inUse[packageId] ?? 0) > 0);
}
