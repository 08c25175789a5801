import { describe, expect, it } from 'vitest';
import {
  fromPublicStatuses,
  packagesRefused,
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

  // Each refusal names the packages and the rule, in the public description's words where it has
  // them; the Dutch text says the same.
  it.each([
    {
      input: { packages: ['attendant_console'] },
      code: 'add_on_not_allowed',
      en: '`attendant_console` is dependent on: `webex_calling`, `webex_suite`, `cx_essentials`. `packages` has none of them.',
      nl: '`attendant_console` is afhankelijk van: `webex_calling`, `webex_suite`, `cx_essentials`. `packages` bevat geen van deze.',
    },
    {
      input: { packages: ['webex_meetings', 'webex_voice'] },
      code: 'invalid_request',
      en: 'Only one package can be assigned to a subscriber, plus `attendant_console`: `packages` currently accepts only one package in the list. It has `webex_meetings`, `webex_voice`.',
      nl: 'Een abonnee kan maar één pakket krijgen, plus `attendant_console`: `packages` accepteert maar één pakket in de lijst. Het bevat `webex_meetings`, `webex_voice`.',
    },
    {
      input: { packages: ['webex_calling', 'attendant_console', 'webex_suite'] },
      code: 'invalid_request',
      en: 'Only one package can be assigned to a subscriber, plus `attendant_console`: `packages` currently accepts only one package in the list. It has `webex_calling`, `webex_suite`.',
      nl: 'Een abonnee kan maar één pakket krijgen, plus `attendant_console`: `packages` accepteert maar één pakket in de lijst. Het bevat `webex_calling`, `webex_suite`.',
    },
    {
      input: { packages: ['cx_premium_agent'] },
      code: 'package_not_supported',
      en: 'Package `cx_premium_agent` is not supported. Supported packages: `webex_voice`, `webex_calling`, `webex_calling_standard`, `webex_meetings`, `webex_suite`, `cx_essentials`, `attendant_console`.',
      nl: 'Pakket `cx_premium_agent` wordt niet ondersteund. Ondersteunde pakketten: `webex_voice`, `webex_calling`, `webex_calling_standard`, `webex_meetings`, `webex_suite`, `cx_essentials`, `attendant_console`.',
    },
    {
      input: { packages: ['cx_standard_agent', 'attendant_console', 'cx_premium_agent'] },
      code: 'package_not_supported',
      en: 'Packages `cx_standard_agent`, `cx_premium_agent` are not supported. Supported packages: `webex_voice`, `webex_calling`, `webex_calling_standard`, `webex_meetings`, `webex_suite`, `cx_essentials`, `attendant_console`.',
      nl: 'Pakketten `cx_standard_agent`, `cx_premium_agent` worden niet ondersteund. Ondersteunde pakketten: `webex_voice`, `webex_calling`, `webex_calling_standard`, `webex_meetings`, `webex_suite`, `cx_essentials`, `attendant_console`.',
    },
    {
      input: { packages: [] },
      code: 'invalid_request',
      en: '`packages` has no package: a subscriber needs exactly one of `webex_voice`, `webex_calling`, `webex_calling_standard`, `webex_meetings`, `webex_suite`, `cx_essentials`.',
      nl: '`packages` bevat geen pakket: een abonnee heeft precies één van `webex_voice`, `webex_calling`, `webex_calling_standard`, `webex_meetings`, `webex_suite`, `cx_essentials` nodig.',
    },
  ])('refuses $input.packages: $code', ({ input, code, en, nl }) => {
    expect(subscriberPackagesFromPublic(input)).toEqual({ ok: false, errors: [{ code, text: { en, nl } }] });
  });

  it('names every rule a list breaks', () => {
    const result = subscriberPackagesFromPublic({
      packages: ['cx_premium_agent', 'webex_voice', 'webex_suite'],
    });
    expect(result.ok ? [] : result.errors.map((error) => error.code)).toEqual([
      'package_not_supported',
      'invalid_request',
    ]);
  });
});

describe('packagesRefused', () => {
  it('is a 400 whose message is the first refusal, in both languages, with every refusal as a detail', () => {
    const result = subscriberPackagesFromPublic({
      packages: ['cx_premium_agent', 'webex_voice', 'webex_suite'],
    });
    if (result.ok) throw new Error('expected a refusal');
    const error = packagesRefused(result.errors);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe(result.errors[0]?.text.en);
    expect(error.messageNl).toBe(result.errors[0]?.text.nl);
    expect(error.details).toEqual(
      result.errors.map((refusal) => ({
        code: refusal.code,
        description: refusal.text.en,
        descriptionNl: refusal.text.nl,
      })),
    );
  });
});

it('maps the public status filter onto ours', () => {
  expect(fromPublicStatuses(['provisioned'])).toEqual(['provisioned', 'error']);
  expect(fromPublicStatuses(['pending_user_migration'])).toEqual(['pending_user_migration']);
});
