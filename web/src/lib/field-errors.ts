import { tKey } from '../i18n/t-key.ts';
import type { ApiErrorDetail } from './api-error.ts';
import { isApiError } from './api-error.ts';

/** Translates a key with values (react-i18next's `t`, narrowed to what this file needs). */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

// Codes whose server text is English only or names the request body: the UI says them itself, in
// the chosen language. Anything else is shown as the server explained it.
const CODE_TEXT: Readonly<Record<string, string>> = {
  required: tKey('fieldErrors.required'),
  too_long: tKey('fieldErrors.tooLong'),
  invalid_time_zone: tKey('fieldErrors.invalidTimeZone'),
  invalid_language: tKey('fieldErrors.invalidLanguage'),
  invalid_preferred_language: tKey('fieldErrors.invalidLanguage'),
  directory_sync_read_only: tKey('fieldErrors.directorySyncReadOnly'),
  location_name_taken: tKey('fieldErrors.locationNameTaken'),
};

export interface SortedErrors {
  /** One message per form field the server complained about. */
  byField: Record<string, string>;
  /** Details that belong to no field of the form (shown above the buttons). */
  other: ApiErrorDetail[];
}

/** `address.city` and `city` both belong to the form's `city` field. */
function formFieldOf(detail: ApiErrorDetail, fields: readonly string[]): string | undefined {
  if (!detail.field) return undefined;
  const path = detail.field;
  return fields.find((field) => path === field || path.endsWith(`.${field}`));
}

/** The message for one detail in the UI language; `value` is what the admin typed into the field. */
export function fieldErrorText(detail: ApiErrorDetail, t: Translate, value?: string): string {
  const key = CODE_TEXT[detail.code];
  if (key) return t(key, { value: value ?? '' });
  // Schema failures read "body.title: Too big…": the field is shown next to the input already.
  return detail.description.replace(/^(body|query|params)\.[\w.]+:\s*/, '') || detail.code;
}

/**
 * Sorts a failed write's details onto the form's fields, so each message appears under its input
 * in the UI language; what fits no field stays for the general error alert.
 */
export function sortErrorsByField(
  error: unknown,
  fields: readonly string[],
  t: Translate,
  values: Readonly<Record<string, string>> = {},
): SortedErrors {
  const byField: Record<string, string> = {};
  const other: ApiErrorDetail[] = [];
  if (!isApiError(error)) return { byField, other };
  for (const detail of error.errors) {
    const field = formFieldOf(detail, fields);
    if (!field) {
      other.push(detail);
      continue;
    }
    const text = fieldErrorText(detail, t, values[field]);
    byField[field] = byField[field] ? `${byField[field]} ${text}` : text;
  }
  return { byField, other };
}
