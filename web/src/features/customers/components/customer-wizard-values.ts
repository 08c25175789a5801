import { userPackages } from '../../../lib/package-catalog.ts';
import type { NewCustomer } from '../api/create-customer.ts';
import { isAssignedCountry } from './country-options.ts';
import { isTimeZone } from './time-zone-options.ts';

export interface PackageChoice {
  selected: boolean;
  /** Empty string: no limit. */
  limit: number | string;
}

export interface CustomerWizardValues {
  name: string;
  externalId: string;
  adminEmail: string;
  language: string;
  addressLine1: string;
  addressLine2: string;
  city: string;
  zipCode: string;
  country: string;
  packages: Record<string, PackageChoice>;
  locationName: string;
  locationAddressLine1: string;
  locationCity: string;
  locationZipCode: string;
  locationTimeZone: string;
}

export const wizardSteps = ['organization', 'address', 'packages', 'location', 'review'] as const;
export type WizardStep = (typeof wizardSteps)[number];

export function emptyWizardValues(packageIds: string[]): CustomerWizardValues {
  return {
    name: '',
    externalId: '',
    adminEmail: '',
    language: 'nl_NL',
    addressLine1: '',
    addressLine2: '',
    city: '',
    zipCode: '',
    country: 'NL',
    packages: Object.fromEntries(packageIds.map((id) => [id, { selected: false, limit: '' }])),
    locationName: '',
    locationAddressLine1: '',
    locationCity: '',
    locationZipCode: '',
    locationTimeZone: 'Europe/Amsterdam',
  };
}

/** SPEC §2: the first location is required whenever a package with calling is sold. */
export function sellsCalling(values: CustomerWizardValues): boolean {
  return (
    userPackages.some((entry) => entry.calling && values.packages[entry.id]?.selected === true) ||
    values.packages.common_area_calling?.selected === true
  );
}

const emailPattern = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;

/** Errors per field for one step, as translation keys (empty object: the step is valid). */
export function validateWizardStep(step: WizardStep, values: CustomerWizardValues): Record<string, string> {
  const errors: Record<string, string> = {};
  const required = (field: keyof CustomerWizardValues) => {
    const value = values[field];
    if (typeof value === 'string' && value.trim() === '') errors[field] = 'validation.required';
  };
  if (step === 'organization') {
    required('name');
    if (values.name.includes('%')) errors.name = 'validation.noPercent';
    required('externalId');
    if (!emailPattern.test(values.adminEmail.trim())) errors.adminEmail = 'validation.email';
  }
  if (step === 'address') {
    required('addressLine1');
    required('city');
    // Exactly the assigned ISO 3166-1 codes the server accepts: "Ne" (Niger) cannot slip in for "Nederland".
    if (!isAssignedCountry(values.country)) errors.country = 'validation.chooseCountry';
    for (const field of ['addressLine1', 'addressLine2'] as const) {
      if (values[field].length > 50) errors[field] = 'validation.max50';
    }
  }
  if (step === 'packages') {
    const chosen = Object.entries(values.packages).filter(([, choice]) => choice.selected);
    if (chosen.length === 0) errors.packages = 'validation.choosePackage';
    for (const [id, choice] of chosen) {
      if (choice.limit !== '' && (!Number.isInteger(Number(choice.limit)) || Number(choice.limit) < 0)) {
        errors[`packages.${id}.limit`] = 'wizard.limitInvalid';
      }
    }
  }
  if (step === 'location' && sellsCalling(values)) {
    required('locationName');
    if (values.locationName.length > 80) errors.locationName = 'validation.max80';
    required('locationAddressLine1');
    required('locationCity');
    // An IANA name such as Europe/Amsterdam; a city alone ("Amsterdam") would fail only at the end.
    if (!isTimeZone(values.locationTimeZone)) errors.locationTimeZone = 'validation.timeZone';
  }
  return errors;
}

export function toNewCustomer(values: CustomerWizardValues): NewCustomer {
  const country = values.country.trim().toUpperCase();
  const packages = Object.entries(values.packages)
    .filter(([, choice]) => choice.selected)
    .map(([id, choice]) => (choice.limit === '' ? { id } : { id, limit: Number(choice.limit) }));
  const body: NewCustomer = {
    name: values.name.trim(),
    externalId: values.externalId.trim(),
    adminEmail: values.adminEmail.trim(),
    country,
    address: { addressLine1: values.addressLine1.trim(), city: values.city.trim() },
    language: values.language,
    packages,
  };
  if (values.addressLine2.trim()) body.address.addressLine2 = values.addressLine2.trim();
  if (values.zipCode.trim()) body.address.zipCode = values.zipCode.trim();
  if (sellsCalling(values)) {
    body.firstLocation = {
      name: values.locationName.trim(),
      addressLine1: values.locationAddressLine1.trim(),
      city: values.locationCity.trim(),
      country,
      timeZone: values.locationTimeZone.trim(),
      language: values.language,
    };
    if (values.locationZipCode.trim()) body.firstLocation.zipCode = values.locationZipCode.trim();
  }
  return body;
}
