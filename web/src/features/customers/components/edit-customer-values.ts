import type { Translate } from '../../../lib/field-errors.ts';
import type { Customer } from '../api/customer-types.ts';
import type { CustomerAddressPatch, CustomerPatch } from '../api/update-customer.ts';

export type EditCustomerField = 'name' | 'adminEmail' | 'language' | 'country' | keyof CustomerAddressPatch;

const ADDRESS_FIELDS: readonly (keyof CustomerAddressPatch)[] = [
  'addressLine1',
  'addressLine2',
  'zipCode',
  'city',
  'stateOrProvince',
];

/** The editable fields in form order, with the admin API's limits; `required` ones cannot be emptied. */
export const EDIT_CUSTOMER_FIELDS: readonly { name: EditCustomerField; max: number; required: boolean }[] = [
  { name: 'name', max: 200, required: true },
  { name: 'adminEmail', max: 254, required: true },
  { name: 'language', max: 10, required: true },
  { name: 'country', max: 2, required: true },
  { name: 'addressLine1', max: 50, required: false },
  { name: 'addressLine2', max: 50, required: false },
  { name: 'zipCode', max: 20, required: false },
  { name: 'city', max: 100, required: false },
  { name: 'stateOrProvince', max: 100, required: false },
];

export const EDIT_CUSTOMER_FIELD_NAMES: readonly EditCustomerField[] = EDIT_CUSTOMER_FIELDS.map(
  (field) => field.name,
);

const EMAIL_PATTERN = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;

export type EditCustomerValues = Record<EditCustomerField, string>;

/** The form's starting values: what the server holds now (older answers put the address flat). */
export function editCustomerValuesOf(customer: Customer): EditCustomerValues {
  const address = customer.address ?? { addressLine1: customer.addressLine1, city: customer.city };
  return {
    name: customer.name,
    adminEmail: customer.adminEmail ?? customer.primaryEmail ?? '',
    language: customer.language ?? '',
    country: customer.country ?? address.country ?? '',
    addressLine1: address.addressLine1 ?? '',
    addressLine2: address.addressLine2 ?? '',
    zipCode: address.zipCode ?? '',
    city: address.city ?? '',
    stateOrProvince: address.stateOrProvince ?? '',
  };
}

export function editCustomerErrors(
  values: EditCustomerValues,
  t: Translate,
): Partial<Record<EditCustomerField, string>> {
  const errors: Partial<Record<EditCustomerField, string>> = {};
  for (const { name, max, required } of EDIT_CUSTOMER_FIELDS) {
    const value = values[name].trim();
    if (required && value === '') errors[name] = t('fieldErrors.required');
    else if (value.length > max) errors[name] = t('fieldErrors.maxLength', { count: max });
  }
  // The create wizard's checks too (SPEC §2: no `%` in the name), so both forms refuse alike.
  if (!errors.name && values.name.includes('%')) errors.name = t('validation.noPercent');
  if (!errors.adminEmail && !EMAIL_PATTERN.test(values.adminEmail.trim())) {
    errors.adminEmail = t('validation.email');
  }
  return errors;
}

/**
 * Only what changed, trimmed. The server replaces the whole address when one is sent, so a change
 * of any address line sends all of them (an emptied line as `null`).
 */
export function editCustomerPatch(values: EditCustomerValues, initial: EditCustomerValues): CustomerPatch {
  const patch: CustomerPatch = {};
  const changed = (field: EditCustomerField) => values[field].trim() !== initial[field].trim();
  for (const field of ['name', 'adminEmail', 'language', 'country'] as const) {
    if (changed(field)) patch[field] = values[field].trim();
  }
  if (ADDRESS_FIELDS.some(changed)) {
    const line = (field: keyof CustomerAddressPatch) => values[field].trim() || null;
    patch.address = {
      addressLine1: line('addressLine1'),
      addressLine2: line('addressLine2'),
      city: line('city'),
      stateOrProvince: line('stateOrProvince'),
      zipCode: line('zipCode'),
    };
  }
  return patch;
}
