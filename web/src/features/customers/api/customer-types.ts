export type CustomerStatus =
  'provisioning' | 'provisioned' | 'provisioned_with_errors' | 'error' | 'updating' | 'deleting';

export interface SoldPackage {
  id: string;
  limit?: number | null;
  used?: number;
}

export interface Address {
  addressLine1?: string | null;
  addressLine2?: string | null;
  city?: string | null;
  stateOrProvince?: string | null;
  zipCode?: string | null;
  country?: string;
}

export interface Customer {
  id: string;
  name: string;
  externalId: string;
  adminEmail?: string;
  primaryEmail?: string;
  country?: string;
  address?: Address;
  addressLine1?: string | null;
  city?: string | null;
  language?: string;
  status: CustomerStatus;
  errors?: { code: string; description: string }[];
  packages?: SoldPackage[] | string[];
  userCount?: number;
  createdAt?: string;
  updatedAt?: string;
}

/** The server may list sold packages as ids or as `{id, limit}`; the screens want the latter. */
export function soldPackages(customer: Customer): SoldPackage[] {
  return (customer.packages ?? []).map((entry) => (typeof entry === 'string' ? { id: entry } : entry));
}

export function isSettled(status: CustomerStatus): boolean {
  return status !== 'provisioning' && status !== 'updating' && status !== 'deleting';
}
