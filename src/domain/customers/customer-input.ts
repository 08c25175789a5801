// Pure checks of a customer's fields (SPEC §2), shared by the admin API, the CLI and the
// Wholesale API. Answers every problem at once, each naming its field.
import type { ErrorDetail } from '../errors.ts';
import { isSellableId } from '../packages/catalog.ts';
import { isCountryCode } from '../locale/country-code.ts';
import { isLanguageTag } from '../locale/language-tag.ts';
import { isValidEmail } from '../users/is-valid-email.ts';

export interface CustomerAddressInput {
  readonly addressLine1?: string | null | undefined;
  readonly addressLine2?: string | null | undefined;
  readonly city?: string | null | undefined;
  readonly stateOrProvince?: string | null | undefined;
  readonly zipCode?: string | null | undefined;
}

export interface SoldPackageInput {
  readonly id: string;
  readonly limit?: number | null | undefined;
}

export function isEmail(value: string): boolean {
  return value.length <= 254 && isValidEmail(value.trim());
}

export function checkCustomerName(name: string | undefined): ErrorDetail[] {
  if (name === undefined) return [];
  if (!name.trim())
    return [
      {
        code: 'required',
        field: 'name',
        description: 'Name is required.',
        descriptionNl: 'De naam is verplicht.',
      },
    ];
  if (name.includes('%'))
    return [
      {
        code: 'invalid_name',
        field: 'name',
        description: 'Name may not contain "%".',
        descriptionNl: 'De naam mag geen "%" bevatten.',
      },
    ];
  if (name.length > 200)
    return [
      {
        code: 'too_long',
        field: 'name',
        description: 'Name is longer than 200 characters.',
        descriptionNl: 'De naam is langer dan 200 tekens.',
      },
    ];
  return [];
}

export function checkAddress(address: CustomerAddressInput | undefined, prefix = 'address'): ErrorDetail[] {
  if (!address) return [];
  const details: ErrorDetail[] = [];
  for (const field of ['addressLine1', 'addressLine2'] as const) {
    const value = address[field];
    if (value && value.length > 50) {
      details.push({
        code: 'too_long',
        field: `${prefix}.${field}`,
        description: `${field} is longer than 50 characters.`,
        descriptionNl: `${field} is langer dan 50 tekens.`,
      });
    }
  }
  return details;
}

export function checkSoldPackages(packages: readonly SoldPackageInput[] | undefined): ErrorDetail[] {
  if (!packages) return [];
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const entry of packages) {
    if (!isSellableId(entry.id)) {
      details.push({
        code: 'unknown_package',
        field: 'packages',
        description: `Unknown package "${entry.id}".`,
        descriptionNl: `Onbekend pakket "${entry.id}".`,
      });
    } else if (seen.has(entry.id)) {
      details.push({
        code: 'duplicate_package',
        field: 'packages',
        description: `Package "${entry.id}" is listed twice.`,
        descriptionNl: `Pakket "${entry.id}" staat er twee keer in.`,
      });
    }
    if (
      entry.limit !== undefined &&
      entry.limit !== null &&
      (!Number.isInteger(entry.limit) || entry.limit < 0)
    ) {
      details.push({
        code: 'invalid_limit',
        field: 'packages',
        description: `The limit of "${entry.id}" must be a whole number ≥ 0.`,
        descriptionNl: `De limiet van "${entry.id}" moet een geheel getal ≥ 0 zijn.`,
      });
    }
    seen.add(entry.id);
  }
  return details;
}

export function checkCountry(country: string | undefined, field = 'country'): ErrorDetail[] {
  if (country === undefined) return [];
  return isCountryCode(country)
    ? []
    : [
        {
          code: 'invalid_country',
          field,
          description: `"${country}" is not an ISO 3166-1 alpha-2 country code (upper case, e.g. NL).`,
          descriptionNl: `"${country}" is geen ISO 3166-1 alpha-2-landcode (hoofdletters, bijv. NL).`,
        },
      ];
}

/** SPEC §2: an ISO 639-1 language, optionally with `_` and an ISO 3166-1 region (nl, nl_NL). */
export function checkLanguage(language: string | null | undefined, field = 'language'): ErrorDetail[] {
  if (language === undefined || language === null) return [];
  return isLanguageTag(language)
    ? []
    : [
        {
          code: 'invalid_language',
          field,
          description: `${field}: "${language}" is not a language such as nl, nl_NL or en_US (ISO 639-1, optionally _ and an ISO 3166-1 alpha-2 region).`,
          descriptionNl: `${field}: "${language}" is geen taal zoals nl, nl_NL of en_US (ISO 639-1, eventueel met _ en een ISO 3166-1 alpha-2-regio).`,
        },
      ];
}
