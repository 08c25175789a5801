import type { Translate } from '../../../lib/field-errors.ts';
import { fieldErrorText } from '../../../lib/field-errors.ts';
import { isApiError } from '../../../lib/api-error.ts';
import type { CustomerWizardValues, WizardStep } from './customer-wizard-values.ts';
import { wizardSteps } from './customer-wizard-values.ts';

type WizardField = keyof CustomerWizardValues;

const STEP_OF_FIELD: Readonly<Record<WizardField, WizardStep>> = {
  name: 'organization',
  externalId: 'organization',
  adminEmail: 'organization',
  language: 'organization',
  addressLine1: 'address',
  addressLine2: 'address',
  city: 'address',
  zipCode: 'address',
  country: 'address',
  packages: 'packages',
  locationName: 'location',
  locationAddressLine1: 'location',
  locationCity: 'location',
  locationZipCode: 'location',
  locationTimeZone: 'location',
};

function isWizardField(name: string): name is WizardField {
  return Object.hasOwn(STEP_OF_FIELD, name);
}

/** The wizard field a request path belongs to: `address.city` → city, `firstLocation.name` → locationName. */
export function wizardFieldOf(path: string): WizardField | null {
  const [head = '', rest = ''] = path.split(/\.(.*)/s);
  if (head === 'packages') return 'packages';
  if (head === 'firstLocation') {
    const field = `location${rest.charAt(0).toUpperCase()}${rest.slice(1)}`;
    return isWizardField(field) ? field : null;
  }
  if (head === 'address') return isWizardField(rest) ? rest : null;
  return rest === '' && isWizardField(head) ? head : null;
}

export interface WizardServerErrors {
  /** One message per wizard field the server complained about. */
  byField: Record<string, string>;
  /** The first step holding such a field, where the admin is sent to fix it; null when none. */
  stepIndex: number | null;
}

/** Places a refused create's field details on the wizard's fields and finds the step that holds them. */
export function wizardServerErrors(error: unknown, t: Translate): WizardServerErrors {
  const byField: Record<string, string> = {};
  let stepIndex: number | null = null;
  if (!isApiError(error)) return { byField, stepIndex };
  for (const detail of error.errors) {
    const field = detail.field ? wizardFieldOf(detail.field) : null;
    if (!field) continue;
    const text = fieldErrorText(detail, t);
    byField[field] = byField[field] ? `${byField[field]} ${text}` : text;
    const index = wizardSteps.indexOf(STEP_OF_FIELD[field]);
    stepIndex = stepIndex === null ? index : Math.min(stepIndex, index);
  }
  return { byField, stepIndex };
}
