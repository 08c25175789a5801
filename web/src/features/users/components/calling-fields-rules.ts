import { needsNumberAndLocation } from '../../../lib/package-catalog.ts';

export interface CallingFields {
  locationId: string | null;
  extension: string;
  phoneNumber: string;
}

/**
 * SPEC §3: a package with "number + location required" needs a location and an extension and/or a
 * phone number. Answers translation keys per field (empty: nothing is missing).
 */
export function callingFieldErrors(packageId: string | null, fields: CallingFields): Record<string, string> {
  if (!needsNumberAndLocation(packageId)) return {};
  const errors: Record<string, string> = {};
  if (!fields.locationId) errors.locationId = 'validation.locationRequired';
  const extension = fields.extension.trim();
  if (!extension && !fields.phoneNumber.trim()) errors.extension = 'validation.extensionOrNumber';
  if (extension && !/^[0-9]{2,10}$/.test(extension)) errors.extension = 'validation.extensionDigits';
  return errors;
}

/** The change dialog shows the calling fields only when the new package needs them. */
export function asksForCallingFields(packageId: string | null): boolean {
  return needsNumberAndLocation(packageId);
}
