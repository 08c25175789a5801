// The customer as the admin API, the CLI and the web app see it (camelCase, settings grouped).
import type { CustomerRow, ProvisioningError } from '../../db/schema.ts';
import type { CustomerPackageRow } from '../../db/repositories/customers.ts';

export interface CustomerPackageView {
  readonly id: string;
  readonly limit: number | null;
}

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
  readonly errors: ProvisioningError[];
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

export function toCustomerView(row: CustomerRow, packages: readonly CustomerPackageRow[]): CustomerView {
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
    errors: row.errors,
    packages: packages
      .filter((entry) => entry.customer_id === row.id)
      .map((entry) => ({ id: entry.package_id, limit: entry.limit })),
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
