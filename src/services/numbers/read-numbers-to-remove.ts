// Reads the numbers and ranges an admin asks to remove (SPEC §4) into E.164, like adding does. A
// national number means different numbers in different countries (`0475 12 34 56` is +31475123456
// in NL and +32475123456 in BE), and removal deletes data: when the countries it may be read with
// give more than one number, it is refused as ambiguous, naming the readings, never guessed. Pure.
import type { ErrorDetail } from '../../domain/errors.ts';
import { expandNumberRanges, tooManyNumbers } from '../../domain/phone/number-range.ts';

export type RemovalReading = { ok: true; numbers: string[] } | { ok: false; errors: ErrorDetail[] };

interface CountryReading {
  readonly country: string;
  readonly numbers: readonly string[];
}

function describeReading(reading: CountryReading): string {
  const first = reading.numbers[0] ?? '';
  const last = reading.numbers[reading.numbers.length - 1] ?? '';
  const numbers = first === last ? first : `${first}-${last}`;
  return `${numbers} (${reading.country})`;
}

function ambiguous(input: string, readings: readonly CountryReading[]): ErrorDetail {
  const list = readings.map(describeReading).join(', ');
  return {
    code: 'ambiguous_phone_number',
    field: 'numbers',
    description: `"${input}" is a different number in the countries of this customer's locations: ${list}. Give the location, or write the number in international format (+…).`,
    descriptionNl: `"${input}" is een ander nummer in de landen van de locaties van deze klant: ${list}. Geef de locatie op, of schrijf het nummer in internationale notatie (+…).`,
  };
}

function invalidEverywhere(input: string, countries: readonly string[]): ErrorDetail {
  const list = countries.join(', ');
  return {
    code: 'invalid_phone_number',
    field: 'numbers',
    description: `"${input}" is not a valid phone number for any country of this customer's locations (${list}).`,
    descriptionNl: `"${input}" is geen geldig telefoonnummer voor een land van de locaties van deze klant (${list}).`,
  };
}

/**
 * `countries`: the location's country when the admin named a location, else the distinct
 * countries of the customer's locations (every number belongs to one of them). An entry is read
 * with each; it stands when all countries that can read it give the same numbers.
 */
export function readNumbersToRemove(
  entries: readonly string[],
  countries: readonly string[],
): RemovalReading {
  const distinctCountries = [...new Set(countries)];
  const numbers = new Set<string>();
  const errors: ErrorDetail[] = [];
  for (const entry of entries) {
    const readings: CountryReading[] = [];
    const refusals: ErrorDetail[][] = [];
    for (const country of distinctCountries) {
      const expansion = expandNumberRanges([entry], country);
      if (expansion.ok) readings.push({ country, numbers: expansion.numbers });
      else refusals.push(expansion.errors);
    }
    const distinct = new Map(readings.map((reading) => [reading.numbers.join(','), reading]));
    if (distinct.size > 1) {
      errors.push(ambiguous(entry.trim(), [...distinct.values()]));
      continue;
    }
    const [only] = distinct.values();
    if (only) {
      for (const number of only.numbers) numbers.add(number);
      continue;
    }
    // Nobody reads it. One country's own reasons say it best; a range that is wrong whatever the
    // country (reversed, too large) says why; else it is no number of any of the countries.
    const reasons = refusals.flat();
    const beyondValidity = reasons.filter((reason) => reason.code !== 'invalid_phone_number');
    if (distinctCountries.length === 1) errors.push(...reasons);
    else if (beyondValidity.length > 0) errors.push(beyondValidity[0]!);
    else errors.push(invalidEverywhere(entry.trim(), distinctCountries));
  }
  const tooMany = tooManyNumbers(numbers.size, 'remove');
  if (tooMany) errors.push(tooMany);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, numbers: [...numbers].sort() };
}
