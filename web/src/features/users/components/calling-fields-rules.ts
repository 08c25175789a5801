import { needsNumberAndLocation } from '../../../lib/package-catalog.ts';

export interface CallingFields {
  locationId: string | null;
  extension: string;
  phoneNumber: string;
}

/**
 * SPEC §3: a package with "number + location required" needs a location and an extension and/or a
 * phone number. SPEC §2/§4: an extension has exactly the customer's extension length in digits
 * (`extensionLength`; null while unknown: 2 to 10, the range the setting allows, and the server
 * decides). Answers translation keys per field (empty: nothing is missing); the extension's keys
 * take the length as `count`.
 */
export function callingFieldErrors(
  packageId: string | null,
  fields: CallingFields,
  extensionLength: number | null = null,
): Record<string, string> {
  if (!needsNumberAndLocation(packageId)) return {};
  const errors: Record<string, string> = {};
  if (!fields.locationId) errors.locationId = 'validation.locationRequired';
  const extension = fields.extension.trim();
  if (!extension && !fields.phoneNumber.trim()) errors.extension = 'validation.extensionOrNumber';
  if (extension) {
    if (extensionLength === null) {
      if (!/^[0-9]{2,10}$/.test(extension)) errors.extension = 'validation.extensionDigits';
    } else if (!/^[0-9]+$/.test(extension) || extension.length !== extensionLength) {
      errors.extension = 'validation.extensionLength';
    }
  }
  return errors;
}

/** The change dialog shows the calling fields only when the new package needs them. */
export function asksForCallingFields(packageId: string | null): boolean {
  return needsNumberAndLocation(packageId);
}
