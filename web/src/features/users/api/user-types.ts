import type { ProvisioningError } from '../../../lib/provisioning-error.ts';

// An error or warning detail as the admin API answers it (in lib: the claims feature shows them too).
export type { ProvisioningError };

export type UserStatus = 'provisioned' | 'pending_user_migration' | 'error';

/** A customer's user (subscriber) as the admin API answers it. */
export interface User {
  id: string;
  customerId?: string;
  email: string;
  firstName?: string | null;
  lastName?: string | null;
  displayName?: string | null;
  package?: string | null;
  attendantConsole?: boolean;
  basicLicences?: { basicMessaging: boolean; basicSpaceMeetings: boolean; callingFromWebex: boolean };
  jabberCalling?: boolean | null;
  jabberWithWebexTeams?: boolean | null;
  preferredWebexSite?: string | null;
  locationId?: string | null;
  locationName?: string | null;
  extension?: string | null;
  phoneNumber?: string | null;
  status: UserStatus;
  errors?: ProvisioningError[];
  suspended?: boolean;
  title?: string | null;
  department?: string | null;
  createdAt?: string;
  updatedAt?: string;
}

export interface LocationOption {
  id: string;
  name: string;
}

export function fullName(user: Pick<User, 'firstName' | 'lastName' | 'displayName' | 'email'>): string {
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ');
  return user.displayName || name || user.email;
}

export function usersPath(customerId: string): string {
  return `/v1/customers/${encodeURIComponent(customerId)}/users`;
}
