import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { customerBusy } from '../provisioning/customer-lifecycle.ts';
import {
  CUSTOMER_STATUS_NAMES,
  IMPORT_STATE_NAMES,
  customerBusyText,
  importAlreadyFinishedText,
  onlyValidatedCanApplyText,
} from './status-names.ts';

/** The web app's badge labels (`status.*`), the wording the admin already sees. */
function badgeLabels(language: 'en' | 'nl'): Record<string, string> {
  const url = new URL(`../../../web/src/i18n/locales/${language}.json`, import.meta.url);
  const resource = JSON.parse(readFileSync(url, 'utf8')) as { status: Record<string, string> };
  return resource.status;
}

describe('state display names', () => {
  const names = { ...IMPORT_STATE_NAMES, ...CUSTOMER_STATUS_NAMES };

  it.each(Object.keys(names))('%s reads as the web app’s status badge in both languages', (state) => {
    const name = names[state as keyof typeof names];
    expect(name.en).toBe(badgeLabels('en')[state]);
    expect(name.nl).toBe(badgeLabels('nl')[state]);
  });

  it('names every import state and customer status', () => {
    expect(Object.keys(IMPORT_STATE_NAMES).sort()).toEqual(
      [
        'applying',
        'cancelled',
        'completed',
        'completed_with_errors',
        'failed',
        'queued',
        'validated',
        'validating',
      ].sort(),
    );
    expect(Object.keys(CUSTOMER_STATUS_NAMES).sort()).toEqual(
      ['deleting', 'error', 'provisioned', 'provisioned_with_errors', 'provisioning', 'updating'].sort(),
    );
  });
});

describe('messages that name a state', () => {
  it.each([
    [
      importAlreadyFinishedText('completed_with_errors'),
      'The import already has the status "Completed with errors".',
      'De import heeft al de status "Voltooid met fouten".',
    ],
    [
      importAlreadyFinishedText('cancelled'),
      'The import already has the status "Cancelled".',
      'De import heeft al de status "Geannuleerd".',
    ],
    [
      onlyValidatedCanApplyText('validating'),
      'Only a validated dry run can be applied (this import has the status "Validating").',
      'Alleen een gecontroleerde proefrun kan worden toegepast (deze import heeft de status "Wordt gecontroleerd").',
    ],
    [
      onlyValidatedCanApplyText('failed'),
      'Only a validated dry run can be applied (this import has the status "Failed").',
      'Alleen een gecontroleerde proefrun kan worden toegepast (deze import heeft de status "Mislukt").',
    ],
    [
      customerBusyText('provisioning'),
      'The customer has the status "Provisioning"; users can be managed once it is provisioned.',
      'De klant heeft de status "Wordt ingericht"; gebruikers kunnen worden beheerd zodra de klant is ingericht.',
    ],
    [
      customerBusyText('deleting'),
      'The customer has the status "Deleting"; users can be managed once it is provisioned.',
      'De klant heeft de status "Wordt verwijderd"; gebruikers kunnen worden beheerd zodra de klant is ingericht.',
    ],
  ])('%#: reads in English and Dutch', (text, en, nl) => {
    expect(text).toEqual({ en, nl });
  });

  it('is what the customer-busy conflict says in both languages', () => {
    const error = customerBusy('updating');
    expect(error.message).toBe(
      'The customer has the status "Updating"; users can be managed once it is provisioned.',
    );
    expect(error.messageNl).toBe(
      'De klant heeft de status "Wordt bijgewerkt"; gebruikers kunnen worden beheerd zodra de klant is ingericht.',
    );
  });

  it.each([...Object.keys(IMPORT_STATE_NAMES), ...Object.keys(CUSTOMER_STATUS_NAMES)])(
    'never shows the raw code %s in Dutch text',
    (state) => {
      const texts =
        state in IMPORT_STATE_NAMES
          ? [
              importAlreadyFinishedText(state as keyof typeof IMPORT_STATE_NAMES).nl,
              onlyValidatedCanApplyText(state as keyof typeof IMPORT_STATE_NAMES).nl,
            ]
          : [customerBusyText(state as keyof typeof CUSTOMER_STATUS_NAMES).nl];
      for (const text of texts) expect(text).not.toMatch(new RegExp(`\\b${state}\\b`));
    },
  );
});
