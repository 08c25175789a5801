// Texts of a refused number add (ADR 0074). Numbers the caller may see are named with their
// location (and customer, for partner admins); numbers of other organizations are not named,
// counted or located: the text tells only what the admin must do.
import type { LocalizedText } from '../errors.ts';
import { counted } from './counted.ts';

export function numbersElsewhereText(count: number): LocalizedText {
  return {
    en: `${counted(count, 'en', 'number already belongs', 'numbers already belong')} to another location or customer.`,
    nl: `${counted(count, 'nl', 'nummer hoort', 'nummers horen')} al bij een andere locatie of klant.`,
  };
}

/** One number the caller may see, with where it is. */
export function numberElsewhereText(
  e164: string,
  place: { location: string; customer: string | null },
): LocalizedText {
  if (place.customer === null) {
    return {
      en: `${e164} is already a number of location "${place.location}".`,
      nl: `${e164} is al een nummer van locatie "${place.location}".`,
    };
  }
  return {
    en: `${e164} already belongs to customer "${place.customer}", location "${place.location}".`,
    nl: `${e164} hoort al bij klant "${place.customer}", locatie "${place.location}".`,
  };
}

export const NUMBERS_UNAVAILABLE_TEXT: LocalizedText = {
  en: 'Some of these numbers belong to another organization and cannot be added. Add only numbers your number supplier assigned to this customer.',
  nl: 'Sommige van deze nummers horen bij een andere organisatie en kunnen niet worden toegevoegd. Voeg alleen nummers toe die uw nummerleverancier aan deze klant heeft toegewezen.',
};

export const NUMBER_PROBES_LIMITED_TEXT: LocalizedText = {
  en: 'Too many attempts with numbers of other organizations. Try again in a minute.',
  nl: 'Te veel pogingen met nummers van andere organisaties. Probeer het over een minuut opnieuw.',
};
