// Display names of import and customer states for messages the API sends. They are the labels the
// web app's status badges show (web/src/i18n/locales, `status.*`), so an error names a state the way
// the admin sees it, in the admin's language, instead of the raw code ("completed_with_errors").
import type { LocalizedText } from '../errors.ts';
import type { CustomerStatus } from '../provisioning/customer-lifecycle.ts';

export type ImportState =
  | 'queued'
  | 'validating'
  | 'validated'
  | 'applying'
  | 'completed'
  | 'completed_with_errors'
  | 'failed'
  | 'cancelled';

export const IMPORT_STATE_NAMES: Readonly<Record<ImportState, LocalizedText>> = {
  queued: { en: 'Queued', nl: 'In wachtrij' },
  validating: { en: 'Validating', nl: 'Wordt gecontroleerd' },
  validated: { en: 'Validated', nl: 'Gecontroleerd' },
  applying: { en: 'Applying', nl: 'Wordt toegepast' },
  completed: { en: 'Completed', nl: 'Voltooid' },
  completed_with_errors: { en: 'Completed with errors', nl: 'Voltooid met fouten' },
  failed: { en: 'Failed', nl: 'Mislukt' },
  cancelled: { en: 'Cancelled', nl: 'Geannuleerd' },
};

export const CUSTOMER_STATUS_NAMES: Readonly<Record<CustomerStatus, LocalizedText>> = {
  provisioning: { en: 'Provisioning', nl: 'Wordt ingericht' },
  provisioned: { en: 'Provisioned', nl: 'Ingericht' },
  provisioned_with_errors: { en: 'Provisioned with errors', nl: 'Ingericht met fouten' },
  error: { en: 'Error', nl: 'Fout' },
  updating: { en: 'Updating', nl: 'Wordt bijgewerkt' },
  deleting: { en: 'Deleting', nl: 'Wordt verwijderd' },
};

/** "The import is already cancelled" in words the admin knows, for a cancel that came too late. */
export function importAlreadyFinishedText(state: ImportState): LocalizedText {
  const name = IMPORT_STATE_NAMES[state];
  return {
    en: `The import already has the status "${name.en}".`,
    nl: `De import heeft al de status "${name.nl}".`,
  };
}

/** Only a dry run that is `validated` can be applied; names the state the import has instead. */
export function onlyValidatedCanApplyText(state: ImportState): LocalizedText {
  const name = IMPORT_STATE_NAMES[state];
  return {
    en: `Only a validated dry run can be applied (this import has the status "${name.en}").`,
    nl: `Alleen een gecontroleerde proefrun kan worden toegepast (deze import heeft de status "${name.nl}").`,
  };
}

/** Users wait for a settled customer (SPEC §2); names the customer's current state. */
export function customerBusyText(status: CustomerStatus): LocalizedText {
  const name = CUSTOMER_STATUS_NAMES[status];
  return {
    en: `The customer has the status "${name.en}"; users can be managed once it is provisioned.`,
    nl: `De klant heeft de status "${name.nl}"; gebruikers kunnen worden beheerd zodra de klant is ingericht.`,
  };
}
