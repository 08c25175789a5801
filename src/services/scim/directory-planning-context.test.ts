import { describe, expect, it } from 'vitest';
import { InMemoryCustomerState } from '../../domain/users/in-memory-customer-state.ts';
import { DirectoryPlanningContext } from './directory-planning-context.ts';

function state(customerCountry: string | null): InMemoryCustomerState {
  return new InMemoryCustomerState({
    soldPackages: [],
    locations: [{ id: 'ber', name: 'Berlin', country: 'DE' }],
    numbers: [],
    users: [],
    extensionLength: 4,
    customerCountry,
    defaultPackageTemplate: null,
    autoAssignBasicLicences: true,
    directorySync: true,
    customerFullAdmins: [],
    emailTakenElsewhere: () => false,
  });
}

describe('DirectoryPlanningContext', () => {
  // The directory writes through the same planner as the admin API and the CSV import: it sees the
  // customer as they do (the customer's country included), except that it owns the names.
  it.each([
    { customerCountry: 'DE', expected: 'DE' },
    { customerCountry: null, expected: null },
  ])('passes the customer country $customerCountry on', ({ customerCountry, expected }) => {
    expect(new DirectoryPlanningContext(state(customerCountry)).customerCountry).toBe(expected);
  });

  it('lifts the read-only rule of directory sync for the directory itself', () => {
    const inner = state('DE');
    expect(inner.directorySync).toBe(true);
    expect(new DirectoryPlanningContext(inner).directorySync).toBe(false);
  });
});
