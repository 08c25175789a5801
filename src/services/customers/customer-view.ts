// The customer as the admin API, the CLI and the web app see it (camelCase, settings grouped).
import type { CustomerRow, ProvisioningError } from '../../db/schema.ts';
import type { Locale } from '../../domain/messages/locale.ts';
import {
  countPackageUsageByCustomer,
  listCustomerPackages,
  type CustomerPackageRow,
} from '../../db/repositories/customers.ts';
import type { Executor } from '../context.ts';

export interface CustomerPackageView {
  readonly id: string;
  readonly limit: number | null;
  /** Users of the customer holding it, counted as the limit rule counts them (SPEC §2). */
  readonly used: number;
}

export interface CustomerErrorView {
  readonly code: string;
  readonly description: string;
}

/** A stored provisioning error in the reader's language: Dutch where it has a Dutch text. */
export function localizedError(error: ProvisioningError, locale: Locale): CustomerErrorView {
  return {
    code: error.code,
    description: locale === 'nl' && error.descriptionNl ? error.descriptionNl : error.description,
  };
}

/** Customer id → package or add-on id → users holding it. */
export type PackageUsage = ReadonlyMap<string, ReadonlyMap<string, number>>;

export interface CustomerView {
  readonly id: string;
  readonly partnerId: string;
  readonly name: string;
  readonly externalId: string;
  readonly adminEmail: string;
  readonly country: string;
  readonly address: {
    readonly addressLine1: string | null;
    readonly addressLine2: string | null;
    readonly city: string | null;
    readonly stateOrProvince: string | null;
    readonly zipCode: string | null;
  };
  readonly language: string;
  readonly status: CustomerRow['status'];
  /** In the reader's language: the Dutch text where the error has one. */
  readonly errors: CustomerErrorView[];
  readonly packages: CustomerPackageView[];
  readonly settings: {
    readonly defaultPackage: string | null;
    readonly autoAssignBasicLicences: boolean;
    readonly defaultPreferredWebexSite: string | null;
    readonly extensionLength: number;
    readonly defaultImportBehaviour: CustomerRow['default_import_behaviour'];
  };
  readonly directorySyncEnabled: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Views of these customers with their sold packages and usage: two queries, whatever the count. */
export async function loadCustomerViews(
  executor: Executor,
  rows: readonly CustomerRow[],
  locale: Locale,
): Promise<CustomerView[]> {
  const ids = rows.map((row) => row.id);
  const [packages, usage] = await Promise.all([
    listCustomerPackages(executor, ids),
    countPackageUsageByCustomer(executor, ids),
  ]);
  return rows.map((row) => toCustomerView(row, packages, usage, locale));
}

export async function loadCustomerView(
  executor: Executor,
  row: CustomerRow,
  locale: Locale,
): Promise<CustomerView> {
  const [view] = await loadCustomerViews(executor, [row], locale);
  if (!view) throw new Error(`No view for customer ${row.id}`);
  return view;
}

export function toCustomerView(
  row: CustomerRow,
  packages: readonly CustomerPackageRow[],
  usage: PackageUsage,
  locale: Locale,
): CustomerView {
  const used = usage.get(row.id);
  return {
    id: row.id,
    partnerId: row.partner_id,
    name: row.name,
    externalId: row.external_id,
    adminEmail: row.admin_email,
    country: row.country,
    address: {
      addressLine1: row.address_line1,
      addressLine2: row.address_line2,
      city: row.city,
      stateOrProvince: row.state_or_province,
      zipCode: row.zip_code,
    },
    language: row.language,
    status: row.status,
    errors: row.errors.map((error) => localizedError(error, locale)),
    packages: packages
      .filter((entry) => entry.customer_id === row.id)
      .map((entry) => ({
        id: entry.package_id,
        limit: entry.limit,
        used: used?.get(entry.package_id) ?? 0,
      })),
    settings: {
      defaultPackage: row.default_package,
      autoAssignBasicLicences: row.auto_assign_basic_licences,
      defaultPreferredWebexSite: row.default_preferred_webex_site,
      extensionLength: row.extension_length,
      defaultImportBehaviour: row.default_import_behaviour,
    },
    directorySyncEnabled: row.directory_sync_enabled,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
