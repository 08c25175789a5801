import { userPackages } from '../../../lib/package-catalog.ts';

/**
 * SPEC §3's packages that need a location and an extension or phone number, named from the web's
 * package catalog ("Webex Calling, …, and Customer Assist"), so the CSV hint cannot drift from it.
 */
export function packagesNeedingLocation(t: (key: string) => string, language: string): string {
  const names = userPackages
    .filter((entry) => entry.requiresNumberAndLocation)
    .map((entry) => t(entry.nameKey));
  return new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(names);
}
