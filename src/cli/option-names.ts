// The services speak the API's field names ("A customer role needs customerId."); at a terminal
// the same thing is an option (`--customer`). Errors the CLI prints name the option instead, one
// way: `--option-name`. Only camelCase names are rewritten in running text: they cannot be
// ordinary words, whereas "name" or "email" in a sentence usually are. A detail's field is a label
// of its own: it names the option of the command that ran when that command has one (`country` →
// `--country`, `name` → `--name`); a field no option gives (`users` of a batch file) stays as it is.

/** API field → the CLI option that gives it, where the option is not the field in kebab case. */
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
  ['addressLine1', '--address1'],
  ['addressLine2', '--address2'],
  ['stateOrProvince', '--state'],
  ['zipCode', '--zip'],
  ['timeZone', '--timezone'],
]);

const CAMEL_CASE_FIELD = new RegExp(
  `\\b(${[...new Set([...OPTION_OF_FIELD.keys()].filter((field) => !field.includes('.') && /[A-Z]/.test(field)))].join('|')})\\b`,
  'g',
);

function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/**
 * The options that may stand for a field, best first: its own mapping, then that of its last part
 * (`firstLocation.country` → `country`), then the field in kebab case (`defaultPackage` →
 * `--default-package`).
 */
function candidateOptions(field: string): string[] {
  const last = field.split('.').at(-1) ?? field;
  return [OPTION_OF_FIELD.get(field), OPTION_OF_FIELD.get(last), `--${kebabCase(last)}`].filter(
    (option): option is string => option !== undefined,
  );
}

/**
 * The option for a field of an error detail, or the field as it is when the CLI has none.
 * `commandOptions` (the long options of the command that ran, e.g. `--country`): a field is named
 * as an option only when that command has it. Without them, only the fields mapped above are.
 */
export function optionForField(field: string, commandOptions?: ReadonlySet<string>): string {
  if (commandOptions === undefined) return OPTION_OF_FIELD.get(field) ?? field;
  return candidateOptions(field).find((option) => commandOptions.has(option)) ?? field;
}

/** A service's sentence with the API's camelCase field names replaced by the CLI's options. */
export function inCliTerms(text: string): string {
  return text.replace(CAMEL_CASE_FIELD, (field) => OPTION_OF_FIELD.get(field) ?? field);
}
