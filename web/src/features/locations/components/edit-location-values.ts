import type { Translate } from '../../../lib/field-errors.ts';
import type { LocationDetails, LocationPatch } from '../api/update-location.ts';

export type EditLocationField = keyof LocationPatch;

/** The editable fields in form order, with the admin API's limits; `required` ones cannot be emptied. */
export const EDIT_LOCATION_FIELDS: readonly { name: EditLocationField; max: number; required: boolean }[] = [
  { name: 'name', max: 80, required: true },
  { name: 'timeZone', max: 64, required: true },
  { name: 'addressLine1', max: 50, required: false },
  { name: 'addressLine2', max: 50, required: false },
  { name: 'zipCode', max: 20, required: false },
  { name: 'city', max: 100, required: false },
  { name: 'stateOrProvince', max: 100, required: false },
  { name: 'language', max: 10, required: false },
];

export const EDIT_LOCATION_FIELD_NAMES: readonly EditLocationField[] = EDIT_LOCATION_FIELDS.map(
  (field) => field.name,
);

export type EditLocationValues = Record<EditLocationField, string>;

export function editLocationValuesOf(location: LocationDetails): EditLocationValues {
  const address = location.address ?? {};
  return {
    name: location.name,
    timeZone: location.timeZone,
    addressLine1: address.addressLine1 ?? '',
    addressLine2: address.addressLine2 ?? '',
    zipCode: address.zipCode ?? '',
    city: address.city ?? '',
    stateOrProvince: address.stateOrProvince ?? '',
    language: location.language ?? '',
  };
}

export function editLocationErrors(
  values: EditLocationValues,
  t: Translate,
): Partial<Record<EditLocationField, string>> {
  const errors: Partial<Record<EditLocationField, string>> = {};
  for (const { name, max, required } of EDIT_LOCATION_FIELDS) {
    const value = values[name].trim();
    if (required && value === '') errors[name] = t('fieldErrors.required');
    else if (value.length > max) errors[name] = t('fieldErrors.maxLength', { count: max });
  }
  return errors;
}

/** Only what changed, trimmed; an emptied optional field is sent as `null` so the server clears it. */
export function editLocationPatch(values: EditLocationValues, initial: EditLocationValues): LocationPatch {
  const patch: LocationPatch = {};
  for (const name of EDIT_LOCATION_FIELD_NAMES) {
    const value = values[name].trim();
    if (value === initial[name].trim()) continue;
    if (name === 'name' || name === 'timeZone') patch[name] = value;
    else patch[name] = value === '' ? null : value;
  }
  return patch;
}
