// EN/NL texts for row and file issues. A function from code + params + locale to text, so the
// codes stay stable while wording changes. The public API's fixed texts are reproduced verbatim.
import type { ErrorDetail } from '../errors.ts';
import { packageDisplayName } from '../packages/catalog.ts';
import type { FileIssue } from '../csv/map-header.ts';
import { columnByKey } from '../csv/user-columns.ts';
import type { Channel } from '../users/desired-change.ts';
import type { IssueParams, RowErrorCode, RowIssue, RowWarningCode } from '../users/plan-issues.ts';
import type { Locale } from './locale.ts';
import { byteSizeText } from './byte-size.ts';

/** The public Webex API's text (SPEC §5): names no organization, never translated. */
export const EMAIL_TAKEN_TEXT = 'The email is already associated with an existing user.';

type Texts = Record<Locale, (p: Readonly<Record<string, string>>) => string>;

const ROW_TEXTS: Record<RowErrorCode | RowWarningCode, Texts> = {
  invalid_boolean: {
    en: (p) => `"${p.value}" is not TRUE or FALSE.`,
    nl: (p) => `"${p.value}" is geen WAAR of ONWAAR (TRUE/FALSE).`,
  },
  email_required: { en: () => 'The email is required.', nl: () => 'Het e-mailadres is verplicht.' },
  invalid_email: {
    en: (p) =>
      p.character !== undefined
        ? `"${p.value}" is not a valid email address: it contains an invisible or look-alike character (${p.character}).`
        : p.localPartLength !== undefined
          ? `"${p.value}" is not a valid email address: the part before the @ has ${p.localPartLength} characters, at most 64 are allowed.`
          : `"${p.value}" is not a valid email address.`,
    nl: (p) =>
      p.character !== undefined
        ? `"${p.value}" is geen geldig e-mailadres: het bevat een onzichtbaar of gelijkend teken (${p.character}).`
        : p.localPartLength !== undefined
          ? `"${p.value}" is geen geldig e-mailadres: het deel vóór de @ heeft ${p.localPartLength} tekens, hoogstens 64 zijn toegestaan.`
          : `"${p.value}" is geen geldig e-mailadres.`,
  },
  duplicate_email_in_file: {
    en: (p) => `This email is already used in row ${p.row} of this file.`,
    nl: (p) => `Dit e-mailadres staat al in rij ${p.row} van dit bestand.`,
  },
  email_taken_elsewhere: { en: () => EMAIL_TAKEN_TEXT, nl: () => EMAIL_TAKEN_TEXT },
  email_checks_rate_limited: {
    en: (p) =>
      `Not checked: the file names more than ${p.limit} email addresses a minute that belong to users of other organizations. Remove the rows reported with "${EMAIL_TAKEN_TEXT}" and import the file again.`,
    nl: (p) =>
      `Niet gecontroleerd: het bestand bevat meer e-mailadressen van gebruikers in andere organisaties dan er per minuut kunnen worden gecontroleerd (${p.limit}). Verwijder de rijen met de melding "${EMAIL_TAKEN_TEXT}" en importeer het bestand opnieuw.`,
  },
  multiple_packages: {
    en: (p) => `A user holds one package; this row gives TRUE for ${p.packages}.`,
    nl: (p) => `Een gebruiker heeft één pakket; deze rij zet WAAR bij ${p.packages}.`,
  },
  package_required: {
    en: () =>
      'A new user needs a package (TRUE in one package column), and the customer has no default package template.',
    nl: () =>
      'Een nieuwe gebruiker heeft een pakket nodig (WAAR in één pakketkolom) en de klant heeft geen standaardpakketsjabloon.',
  },
  package_not_sold: {
    en: (p) => `${p.packageName} was not sold to this customer.`,
    nl: (p) => `${p.packageName} is niet aan deze klant verkocht.`,
  },
  package_limit_reached: {
    en: (p) => `The limit of ${p.limit} for ${p.packageName} is used up.`,
    nl: (p) => `De limiet van ${p.limit} voor ${p.packageName} is bereikt.`,
  },
  forbidden_change: {
    en: (p) => `${p.fromName} → ${p.toName} is not allowed.`,
    nl: (p) => `${p.fromName} → ${p.toName} is niet toegestaan.`,
  },
  admin_downgrade: {
    en: (p) =>
      `This user is a customer full admin and cannot move to a lower package (${p.fromName} → ${p.toName}).`,
    nl: (p) =>
      `Deze gebruiker is volledige beheerder van de klant en kan niet naar een lager pakket worden overgezet (${p.fromName} → ${p.toName}).`,
  },
  only_full_admin_removal: {
    en: () => "This user is the customer's only full admin and cannot be removed.",
    nl: () => 'Deze gebruiker is de enige volledige beheerder van de klant en kan niet worden verwijderd.',
  },
  add_on_not_allowed: {
    en: (p) => `${p.addOnName} is not available with ${p.packageName}.`,
    nl: (p) => `${p.addOnName} is niet beschikbaar bij ${p.packageName}.`,
  },
  number_or_extension_required: {
    en: (p) => `${p.packageName} needs an Extension or a Phone Number.`,
    nl: (p) => `${p.packageName} heeft een toestelnummer of telefoonnummer nodig.`,
  },
  location_required: {
    en: (p) => `${p.packageName} needs a Location.`,
    nl: (p) => `${p.packageName} heeft een locatie nodig.`,
  },
  unknown_location: {
    en: (p) => `Location "${p.name}" does not exist.`,
    nl: (p) => `Locatie "${p.name}" bestaat niet.`,
  },
  invalid_phone_number: {
    en: (p) => `"${p.value}" is not a valid phone number.`,
    nl: (p) => `"${p.value}" is geen geldig telefoonnummer.`,
  },
  phone_number_needs_location: {
    en: (p) => `Phone number ${p.value} needs a Location: give the location whose numbers include it.`,
    nl: (p) =>
      `Telefoonnummer ${p.value} heeft een locatie nodig: geef de locatie op waar dit nummer bij hoort.`,
  },
  number_not_in_location: {
    en: (p) => `${p.number} is not one of the numbers of location "${p.location}".`,
    nl: (p) => `${p.number} hoort niet bij de nummers van locatie "${p.location}".`,
  },
  number_taken: {
    en: (p) => `${p.number} is already assigned to another user.`,
    nl: (p) => `${p.number} is al aan een andere gebruiker toegewezen.`,
  },
  remove_number_not_held: {
    en: (p) => `REMOVE|${p.value}: this is not the user's number.`,
    nl: (p) => `REMOVE|${p.value}: dit is niet het nummer van deze gebruiker.`,
  },
  invalid_extension: {
    en: (p) => `Extension "${p.value}" must contain digits only.`,
    nl: (p) => `Toestelnummer "${p.value}" mag alleen cijfers bevatten.`,
  },
  extension_wrong_length: {
    en: (p) => `Extension "${p.value}" must have ${p.length} digits.`,
    nl: (p) => `Toestelnummer "${p.value}" moet ${p.length} cijfers hebben.`,
  },
  extension_taken: {
    en: (p) => `Extension ${p.value} is already used by another user.`,
    nl: (p) => `Toestelnummer ${p.value} is al aan een andere gebruiker toegewezen.`,
  },
  jabber_required: {
    en: () => 'A new user needs TRUE or FALSE here.',
    nl: () => 'Een nieuwe gebruiker heeft hier WAAR of ONWAAR nodig.',
  },
  directory_sync_read_only: {
    en: () => 'Directory synchronization is on: the directory owns this field.',
    nl: () => 'Directorysynchronisatie staat aan: de directory beheert dit veld.',
  },
  directory_users_only: {
    en: () =>
      'No user with this email exists in this organization, and users are created by the directory while directory synchronization is on.',
    nl: () =>
      'Er bestaat geen gebruiker met dit e-mailadres in deze organisatie, en zolang directorysynchronisatie aanstaat, maakt de directory de gebruikers aan.',
  },
  invalid_time_zone: {
    en: (p) => `"${p.value}" is not a time zone such as Europe/Amsterdam (IANA time zone names).`,
    nl: (p) => `"${p.value}" is geen tijdzone zoals Europe/Amsterdam (IANA-tijdzonenamen).`,
  },
  invalid_preferred_language: {
    en: (p) =>
      `"${p.value}" is not a language such as nl, nl_NL or en_US (ISO 639-1, optionally with a region).`,
    nl: (p) => `"${p.value}" is geen taal zoals nl, nl_NL of en_US (ISO 639-1, eventueel met een regio).`,
  },
  value_too_long: {
    en: (p) => `The value has ${p.length} characters; at most ${p.limit} are allowed.`,
    nl: (p) => `De waarde heeft ${p.length} tekens; er zijn er hoogstens ${p.limit} toegestaan.`,
  },
  forbidden_character: {
    en: (p) =>
      `The value contains a control or text-direction character (${p.character}), which is not allowed.`,
    nl: (p) =>
      `De waarde bevat een stuurteken of tekstrichtingsteken (${p.character}); dat is niet toegestaan.`,
  },
  other_separator: {
    en: (p) =>
      `This row separates its values with "${p.separator}", unlike the header row: save it with the file's separator.`,
    nl: (p) =>
      `Deze rij gebruikt "${p.separator}" als scheidingsteken, anders dan de kopregel: gebruik het scheidingsteken van het bestand.`,
  },
  preferred_site_missing: {
    en: (p) =>
      `No Preferred Webex Site for ${p.packageName}: meetings may not work as expected until one is set.`,
    nl: (p) =>
      `Geen voorkeurssite voor Webex bij ${p.packageName}: vergaderingen werken mogelijk pas goed als die is ingesteld.`,
  },
  add_on_dropped: {
    en: (p) => `${p.addOnName} was removed: it is not available with ${p.packageName}.`,
    nl: (p) => `${p.addOnName} is verwijderd: het is niet beschikbaar bij ${p.packageName}.`,
  },
  phone_plus_restored: {
    en: (p) => `"${p.value}" was read as ${p.number} (the leading + was missing).`,
    nl: (p) => `"${p.value}" is gelezen als ${p.number} (de + aan het begin ontbrak).`,
  },
  unknown_user_nothing_assigned: {
    en: () => 'No user with this email exists and the row assigns nothing: nothing was done.',
    nl: () => 'Er bestaat geen gebruiker met dit e-mailadres en de rij wijst niets toe: er is niets gedaan.',
  },
  calling_fields_ignored: {
    en: (p) => `Extension, Phone Number and Location are ignored: ${p.packageName} does not include calling.`,
    // The file's own Dutch headers (Toestel, Telefoonnummer, Locatie), so the admin finds the columns.
    nl: (p) =>
      `De kolommen ${columnLabel('extension', 'nl')}, ${columnLabel('phoneNumber', 'nl')} en ${columnLabel('location', 'nl')} worden genegeerd: ${p.packageName} is geen belpakket.`,
  },
};

function enrich(params: IssueParams | undefined, locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params ?? {})) out[key] = String(value);
  if (out.package !== undefined) out.packageName = packageDisplayName(out.package, locale);
  if (out.from !== undefined) out.fromName = packageDisplayName(out.from, locale);
  if (out.to !== undefined) out.toName = packageDisplayName(out.to, locale);
  if (out.addOn !== undefined) out.addOnName = packageDisplayName(out.addOn, locale);
  // A list of package ids (multiple_packages): named by their columns, as the file names them.
  if (out.packages !== undefined)
    out.packages = out.packages
      .split(',')
      .map((id) => columnLabel(id.trim(), locale) ?? packageDisplayName(id.trim(), locale))
      .join(', ');
  return out;
}

/** The column's header in the locale (Dutch headers for `nl`). */
export function columnLabel(key: string | undefined, locale: Locale): string | null {
  if (!key) return null;
  const column = columnByKey(key);
  if (!column) return null;
  return (locale === 'nl' ? column.dutch : column.english).replace(/\*$/, '');
}

/**
 * The few issues whose CSV wording names the file's columns, worded for the channel that raised
 * them instead: a manual add or a SCIM create has no "package column" to set TRUE in.
 */
const CHANNEL_TEXTS: Partial<
  Record<RowErrorCode | RowWarningCode, Partial<Record<Exclude<Channel, 'csv'>, Texts>>>
> = {
  package_required: {
    api: {
      en: () => 'A new user needs a package: set `package`, or give the customer a default package template.',
      nl: () =>
        'Een nieuwe gebruiker heeft een pakket nodig: geef `package` op, of geef de klant een standaardpakketsjabloon.',
    },
    // The product extension's URN (src/scim/schema-urns.ts), spelt out: the domain does not import the SCIM edge.
    scim: {
      en: () =>
        'A new user needs a package: set "package" in the extension urn:wholesale-hub:params:scim:schemas:extension:product:2.0:User, or give the customer a default package template.',
      nl: () =>
        'Een nieuwe gebruiker heeft een pakket nodig: geef "package" op in de extensie urn:wholesale-hub:params:scim:schemas:extension:product:2.0:User, of geef de klant een standaardpakketsjabloon.',
    },
  },
};

/** The reason alone, e.g. `Location "X" does not exist.`; `channel`: who asked (CSV wording by default). */
export function issueText(issue: RowIssue, locale: Locale, channel: Channel = 'csv'): string {
  const texts =
    (channel === 'csv' ? undefined : CHANNEL_TEXTS[issue.code]?.[channel]) ?? ROW_TEXTS[issue.code];
  return texts[locale](enrich(issue.params, locale));
}

/**
 * A warning as the admin API answers it: the code, its text in the request's locale, the column and
 * the values the text names (`params`, as the import rows carry them), so a client can word it
 * again in another language, e.g. `phone_plus_restored` with `{ value, number }`.
 */
export interface WarningDetail extends ErrorDetail {
  readonly params?: IssueParams;
}

export function warningDetail(issue: RowIssue, locale: Locale): WarningDetail {
  return {
    code: issue.code,
    description: issueText(issue, locale),
    ...(issue.column ? { field: issue.column } : {}),
    ...(issue.params && Object.keys(issue.params).length > 0 ? { params: { ...issue.params } } : {}),
  };
}

/** Row, column and reason: `Row 7, Webex Meetings: "YES" is not TRUE or FALSE.` */
export function rowIssueMessage(issue: RowIssue, row: number, locale: Locale): string {
  const column = columnLabel(issue.column, locale);
  const rowLabel = locale === 'nl' ? `Rij ${row}` : `Row ${row}`;
  return `${rowLabel}${column ? `, ${column}` : ''}: ${issueText(issue, locale)}`;
}

export function fileIssueMessage(issue: FileIssue, locale: Locale): string {
  const nl = locale === 'nl';
  switch (issue.code) {
    case 'missing_email_column':
      return nl
        ? 'Het bestand heeft geen kolom "Gebruikers-ID/e-mail (verplicht)" (of "User ID/Email (Required)").'
        : 'The file has no "User ID/Email (Required)" column.';
    case 'duplicate_column':
      return nl
        ? `Twee kolommen horen bij hetzelfde veld (${columnLabel(issue.column, 'nl') ?? issue.column}): ${issue.headers.join(' en ')}.`
        : `Two columns are the same field (${columnLabel(issue.column, 'en') ?? issue.column}): ${issue.headers.join(' and ')}.`;
    case 'unknown_columns':
      return nl
        ? `Onbekende kolommen worden genegeerd: ${issue.headers.join(', ')}.`
        : `Unknown columns are ignored: ${issue.headers.join(', ')}.`;
    case 'empty_file':
      return nl ? 'Het bestand is leeg.' : 'The file is empty.';
    case 'binary_file':
      return nl ? 'Dit is geen CSV-tekstbestand.' : 'This is not a CSV text file.';
    case 'file_too_large':
      return nl
        ? `Het bestand is groter dan ${byteSizeText(issue.limitBytes, 'nl')}.`
        : `The file is larger than ${byteSizeText(issue.limitBytes, 'en')}.`;
    case 'malformed_csv':
      if (issue.reason === 'unclosed_quote')
        return nl
          ? `Het bestand is geen geldig CSV-bestand: een aanhalingsteken (") dat in rij ${issue.row} opent, wordt nergens gesloten.`
          : `The file is not valid CSV: a quote (") that opens in row ${issue.row} is never closed.`;
      // The parser's own text is English: a Dutch reader gets the row without it.
      return nl
        ? `Het bestand is geen geldig CSV-bestand (rond rij ${issue.row}).`
        : `The file is not valid CSV (around row ${issue.row}): ${issue.detail}`;
  }
}
