import type { Customer } from '../features/customers/api/customer-types.ts';

/** A provisioned customer as the server answers it; tests add the errors and packages they need. */
export const acmeCustomer: Customer = {
  id: 'c1',
  name: 'Acme BV',
  externalId: 'ACME-1',
  adminEmail: 'admin@acme.example',
  country: 'NL',
  language: 'nl_NL',
  status: 'provisioned',
  address: {
    addressLine1: 'Damrak 1',
    addressLine2: null,
    city: 'Amsterdam',
    stateOrProvince: null,
    zipCode: '1012 LG',
  },
};
