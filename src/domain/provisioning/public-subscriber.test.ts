import { describe, expect, it } from 'vitest';
import {
  fromPublicStatuses,
  subscriberPackagesFromPublic,
  toPublicSubscriber,
  type SubscriberRecord,
} from './public-subscriber.ts';
import { LICENSE_UPDATE_FAILED_TEXT } from './wholesale-codes.ts';

const user: SubscriberRecord = {
  id: 'user-1',
  customerId: 'cust-1',
  email: 'john.anderson@acme.com',
  package: 'webex_calling',
  attendantConsole: false,
  status: 'provisioned',
  errors: [],
  createdAt: new Date('2026-01-02T03:04:05.000Z'),
  statusChangedAt: new Date('2026-01-03T03:04:05.000Z'),
};

describe('toPublicSubscriber', () => {
  it('maps a provisioned user', () => {
    expect(toPublicSubscriber(user, { externalId: 'ext-1' })).toEqual({
      id: 'user-1',
      personId: 'user-1',
      email: 'john.anderson@acme.com',
      customerId: 'cust-1',
      externalCustomerId: 'ext-1',
      package: 'webex_calling',
      packages: ['webex_calling'],
      status: 'provisioned',
      created: '2026-01-02T03:04:05.000Z',
      lastStatusChange: '2026-01-03T03:04:05.000Z',
    });
  });

  it('lists the add-on next to the package', () => {
    expect(toPublicSubscriber({ ...user, attendantConsole: true }, { externalId: 'e' }).packages).toEqual([
      'webex_calling',
      'attendant_console',
    ]);
  });

  it('hides personId while the user migration is pending', () => {
    const shape = toPublicSubscriber({ ...user, status: 'pending_user_migration' }, { externalId: 'e' });
    expect(shape.status).toBe('pending_user_migration');
    expect(shape.personId).toBeUndefined();
  });

  it('shows our error state as provisioned with the public error', () => {
    const shape = toPublicSubscriber(
      {
        ...user,
        status: 'error',
        errors: [{ code: 'license_update_failed', description: LICENSE_UPDATE_FAILED_TEXT }],
      },
      { externalId: 'e' },
    );
    expect(shape.status).toBe('provisioned');
    expect(shape.errors).toEqual([{ errorCode: 10031, description: 'Cannot update user license.' }]);
  });
});

describe('subscriberPackagesFromPublic', () => {
  it.each([
    [{ package: 'webex_suite' }, { packageId: 'webex_suite', attendantConsole: false }],
    [{ packages: ['webex_calling'] }, { packageId: 'webex_calling', attendantConsole: false }],
    [
      { packages: ['attendant_console', 'cx_essentials'] },
      { packageId: 'cx_essentials', attendantConsole: true },
    ],
    [{ packages: ['webex_voice', 'webex_voice'] }, { packageId: 'webex_voice', attendantConsole: false }],
  ])('%j → %j', (input, value) => {
    expect(subscriberPackagesFromPublic(input)).toEqual({ ok: true, value });
  });

  it.each([
    [{ packages: ['cx_premium_agent'] }, 'package_not_supported'],
    [{ packages: ['webex_calling', 'webex_suite'] }, 'invalid_request'],
    [{ packages: ['attendant_console'] }, 'invalid_request'],
    [{ packages: [] }, 'invalid_request'],
  ])('refuses %j', (input, error) => {
    expect(subscriberPackagesFromPublic(input)).toEqual({ ok: false, errors: [error] });
  });
});

it('maps the public status filter onto ours', () => {
  expect(fromPublicStatuses(['provisioned'])).toEqual(['provisioned', 'error']);
  expect(fromPublicStatuses(['pending_user_migration'])).toEqual(['pending_user_migration']);
});
