import { describe, expect, it } from 'vitest';
import { canStart, statusAfter, type CustomerOperation, type CustomerStatus } from './customer-lifecycle.ts';

describe('canStart', () => {
  const table: [CustomerOperation, CustomerStatus, boolean][] = [
    ['update', 'provisioned', true],
    ['update', 'provisioned_with_errors', true],
    ['update', 'error', true],
    ['update', 'provisioning', false],
    ['update', 'updating', false],
    ['update', 'deleting', false],
    ['delete', 'provisioned', true],
    ['delete', 'error', true],
    ['delete', 'provisioning', true],
    ['delete', 'updating', false],
    ['delete', 'deleting', false],
    ['manage_users', 'provisioned', true],
    ['manage_users', 'provisioned_with_errors', true],
    ['manage_users', 'provisioning', false],
    ['manage_users', 'error', false],
  ];
  it.each(table)('%s while %s: %s', (operation, status, expected) => {
    expect(canStart(operation, status)).toBe(expected);
  });
});

describe('statusAfter', () => {
  it.each([
    [{ orgCreated: true, failedSteps: 0 }, 'provisioned'],
    [{ orgCreated: true, failedSteps: 2 }, 'provisioned_with_errors'],
    [{ orgCreated: false, failedSteps: 1 }, 'error'],
  ])('%j → %s', (outcome, expected) => {
    expect(statusAfter(outcome)).toBe(expected);
  });
});
