// `includePackageLicenseInfo=true` on Get a Wholesale Customer: "a list of licenseIds will be
// returned for all provisioned packages" (public description). A sold package is the customer's
// licence for it; we keep no separate licence record, so its id is derived from the customer and
// the package (a name-based UUID, RFC 9562 version 5): stable, opaque, and the same on every read.
import { v5 as uuidV5 } from 'uuid';
import type { PublicCustomerShape } from '../../../domain/provisioning/public-customer.ts';

/** The namespace of licence ids (a random UUID fixed here once). */
const LICENSE_NAMESPACE = '5d1f3c0e-8a3b-4d52-9a71-2f64b7f0c9d4';

/** RFC 9562 §5.5 (SHA-1 of namespace and name, version 5): the same id on every read. */
export function licenseIdOf(customerId: string, packageId: string): string {
  return uuidV5(`${customerId}/${packageId}`, LICENSE_NAMESPACE);
}

export type CustomerWithLicenseInfo = PublicCustomerShape & {
  resourceDetails?: {
    packages: (NonNullable<PublicCustomerShape['resourceDetails']>['packages'][number] & {
      licenseIds?: string[];
    })[];
  };
};

/** The customer with `licenseIds` on each provisioned package of its resource details. */
export function withLicenseIds(customer: PublicCustomerShape): CustomerWithLicenseInfo {
  if (!customer.resourceDetails) return customer;
  return {
    ...customer,
    resourceDetails: {
      packages: customer.resourceDetails.packages.map((entry) =>
        entry.status === 'provisioned'
          ? { ...entry, licenseIds: [licenseIdOf(customer.id, entry.name)] }
          : entry,
      ),
    },
  };
}
