// The customer status lifecycle of SPEC §2 as a pure rule: which operation may start in which
// status, and what status the customer shows while it runs and once the backend has answered.
import { conflict, type AppError } from '../errors.ts';
import { customerBusyText } from '../messages/status-names.ts';

export const CUSTOMER_STATUSES = [
  'provisioning',
  'provisioned',
  'provisioned_with_errors',
  'error',
  'updating',
  'deleting',
] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

export type CustomerOperation = 'update' | 'delete' | 'manage_users';

/** The statuses in which background work is still running: nothing else may start. */
const BUSY: ReadonlySet<CustomerStatus> = new Set(['provisioning', 'updating', 'deleting']);

export function isBusy(status: CustomerStatus): boolean {
  return BUSY.has(status);
}

/**
 * Update and delete wait for running work to finish; a customer in `error` may be updated (that
 * retries provisioning) or deleted. Users are managed once the org exists.
 */
export function canStart(operation: CustomerOperation, status: CustomerStatus): boolean {
  switch (operation) {
    case 'update':
      return !BUSY.has(status);
    case 'delete':
      return status !== 'deleting' && status !== 'updating';
    case 'manage_users':
      return status === 'provisioned' || status === 'provisioned_with_errors';
  }
}

/** The status a customer shows while an operation runs. */
export function statusDuring(operation: 'provision' | 'update' | 'delete'): CustomerStatus {
  return operation === 'provision' ? 'provisioning' : operation === 'update' ? 'updating' : 'deleting';
}

/**
 * After the backend answers: no failed step → `provisioned`; the org exists but a later step
 * failed (location, admin invite, a package) → `provisioned_with_errors`; the org itself failed →
 * `error`.
 */
export function statusAfter(outcome: { orgCreated: boolean; failedSteps: number }): CustomerStatus {
  if (!outcome.orgCreated) return 'error';
  return outcome.failedSteps === 0 ? 'provisioned' : 'provisioned_with_errors';
}

/** Refusal of work that needs a settled customer (SPEC §2: provisioning, updating, deleting). */
export function customerBusy(status: CustomerStatus): AppError {
  return conflict(customerBusyText(status), [
    {
      code: 'customer_busy',
      description: 'The customer is being provisioned, updated or deleted; retry later.',
      descriptionNl: 'De klant wordt ingericht, gewijzigd of verwijderd; probeer het later opnieuw.',
    },
  ]);
}
