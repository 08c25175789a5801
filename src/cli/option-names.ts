// The services speak the API's field names ("A customer role needs customerId."); at a terminal
// the same thing is an option (`--customer`). Errors the CLI prints name the option instead. Only
// camelCase names are rewritten in running text: they cannot be ordinary words, whereas "name" or
// "email" in a sentence usually are.

/** API field → the CLI option that gives it. */
const OPTION_OF_FIELD: ReadonlyMap<string, string> = new Map([
  ['customerId', '--customer'],
  ['partnerId', '--partner'],
  ['externalId', '--external-id'],
  ['adminEmail', '--admin-email'],
  ['firstName', '--first-name'],
  ['lastName', '--last-name'],
  ['displayName', '--display-name'],
  ['phoneNumber', '--phone-number'],
  ['expiresAt', '--expires-in-days'],
  ['attendantConsole', '--attendant-console'],
  ['jabberCalling', '--jabber-calling'],
  ['jabberWithWebexTeams', '--jabber-with-webex-teams'],
  ['preferredWebexSite', '--preferred-webex-site'],
  ['preferredLanguage', '--preferred-language'],
  ['address.addressLine1', '--address1'],
  ['address.addressLine2', '--address2'],
  ['address.city', '--city'],
  ['address.stateOrProvince', '--state'],
  ['address.zipCode', '--zip'],
]);

const CAMEL_CASE_FIELD = new RegExp(
  `\\b(${[...OPTION_OF_FIELD.keys()].filter((field) => !field.includes('.')).join('|')})\\b`,
  'g',
);

/** The option for a field of an error detail, or the field as it is when the CLI has none. */
export function optionForField(field: string): string {
  return OPTION_OF_FIELD.get(field) ?? field;
}

/** A service's sentence with the API's camelCase field names replaced by the CLI's options. */
export function inCliTerms(text: string): string {
  return text.replace(CAMEL_CASE_FIELD, (field) => OPTION_OF_FIELD.get(field) ?? field);
}
