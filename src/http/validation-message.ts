// Request validation failures as error details (SPEC §7: errors name the field and the reason).
// Each detail's `field` is the request property's path (`address.addressLine1`, `max`), one detail
// per unknown key; its description is a sentence of ours in the request's language, never zod's
// own text ("Too big: expected string to have <=50 characters"). A message a schema writes itself
// (a regex's "a language such as en, nl or nl_NL") is kept, with Dutch from CUSTOM_NL where known.
import { z } from 'zod';
import type { ErrorDetail } from '../domain/errors.ts';
import type { Locale } from '../domain/messages/locale.ts';

/** An issue as fastify-type-provider-zod hands it on: zod's issue with `code` as `keyword`. */
export interface ValidationIssue {
  readonly keyword: string;
  readonly instancePath: string;
  readonly message?: string | undefined;
  readonly params: Readonly<Record<string, unknown>>;
}

export interface ValidationDetail {
  readonly code: 'invalid_field';
  readonly field?: string;
  readonly description: string;
}

type ZodIssue = Parameters<ReturnType<typeof z.locales.en>['localeError']>[0];

/** A part of the request, as fastify names it in a validation error's context. */
export type RequestPart = 'body' | 'querystring' | 'params' | 'headers';

/** Dutch for the messages our admin schemas write themselves. */
const CUSTOM_NL: Readonly<Record<string, string>> = {
  'a language such as en, nl or nl_NL': 'een taal zoals en, nl of nl_NL',
};

/** What part of the request a detail without a field is about (fastify's validation context). */
const PART: Readonly<Record<string, { en: string; nl: string }>> = {
  body: { en: 'The request body', nl: 'De inhoud van het verzoek' },
  querystring: { en: 'The query', nl: 'De query' },
  params: { en: 'The address', nl: 'Het adres' },
  headers: { en: 'The headers', nl: 'De headers' },
};

const TYPE_NAME: Readonly<Record<string, { en: string; nl: string }>> = {
  string: { en: 'text', nl: 'tekst' },
  number: { en: 'a number', nl: 'een getal' },
  int: { en: 'a whole number', nl: 'een geheel getal' },
  boolean: { en: 'true or false', nl: 'true of false' },
  object: { en: 'an object', nl: 'een object' },
  array: { en: 'a list', nl: 'een lijst' },
  null: { en: 'null', nl: 'null' },
};

/** "… is <this>." for a string format zod checks. */
const FORMAT_TEXT: Readonly<Record<string, { en: string; nl: string }>> = {
  email: { en: 'not a valid email address', nl: 'geen geldig e-mailadres' },
  uuid: { en: 'not a valid id (UUID)', nl: 'geen geldige id (UUID)' },
  guid: { en: 'not a valid id (UUID)', nl: 'geen geldige id (UUID)' },
  url: { en: 'not a valid URL', nl: 'geen geldige URL' },
  datetime: { en: 'not a date and time (ISO 8601)', nl: 'geen datum en tijd (ISO 8601)' },
  date: { en: 'not a date (YYYY-MM-DD)', nl: 'geen datum (JJJJ-MM-DD)' },
  ipv4: { en: 'not an IPv4 address', nl: 'geen IPv4-adres' },
  ipv6: { en: 'not an IPv6 address', nl: 'geen IPv6-adres' },
};

/**
 * zod drops an issue's input once the message is made; `invalid_type` names the type it received,
 * so a value of that type stands in for it.
 */
const SAMPLE_OF_TYPE: Readonly<Record<string, unknown>> = {
  undefined: undefined,
  null: null,
  string: '',
  number: 0,
  nan: Number.NaN,
  boolean: false,
  bigint: 0n,
  array: [],
  object: {},
  date: new Date(0),
};

function receivedType(issue: ValidationIssue): string | undefined {
  // zod names most types in lower case, but not-a-number as "NaN".
  return /received (\w+)$/.exec(issue.message ?? '')?.[1]?.toLowerCase();
}

function toZodIssue(issue: ValidationIssue): ZodIssue {
  const received = receivedType(issue);
  const input =
    issue.keyword === 'invalid_type' && received && received in SAMPLE_OF_TYPE
      ? { input: SAMPLE_OF_TYPE[received] }
      : {};
  return {
    ...issue.params,
    ...input,
    code: issue.keyword,
    path: [],
    message: issue.message,
  } as unknown as ZodIssue;
}

function zodDefault(issue: ValidationIssue): string | undefined {
  const made = z.locales.en().localeError(toZodIssue(issue));
  return typeof made === 'string' ? made : made?.message;
}

/** A message our schema wrote (not zod's default text for the issue), or undefined. */
function schemaMessage(issue: ValidationIssue): string | undefined {
  const message = issue.message ?? '';
  if (message === '' || zodDefault(issue) === message) return undefined;
  return message;
}

function fieldOf(instancePath: string): string | undefined {
  return instancePath.replace(/^\//, '').replaceAll('/', '.') || undefined;
}

function quoted(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}

type Texts = { en: string; nl: string };

/**
 * What a detail is about, in both languages: the field's path (`search`, `users.1.lastName`), else
 * the request part as a whole ("The request body"). Never `part.field`: the field names the place.
 */
export function subjectOf(field: string | undefined, part: string | undefined): Texts {
  if (field) return { en: field, nl: field };
  return PART[part ?? ''] ?? { en: 'The request', nl: 'Het verzoek' };
}

/** A zod issue as fastify-type-provider-zod hands it on (its code as `keyword`, its path as a pointer). */
export function asValidationIssue(issue: z.core.$ZodIssue): ValidationIssue {
  const { code, path, message, ...params } = issue;
  return { keyword: code, instancePath: `/${path.map(String).join('/')}`, message, params };
}

function withoutAffixes(text: string, prefix: string, suffix: string): string | undefined {
  return text.startsWith(prefix) && text.endsWith(suffix)
    ? text.slice(prefix.length, text.length - suffix.length)
    : undefined;
}

/**
 * "dryRun must be true or false, or one of: …" for a union whose every branch failed on the value
 * itself with one type or value issue; undefined otherwise (a branch of objects, say).
 */
function unionReason(issue: ValidationIssue, subject: string): Texts | undefined {
  const branches = issue.params['errors'];
  if (!Array.isArray(branches) || branches.length === 0) return undefined;
  const en: string[] = [];
  const nl: string[] = [];
  for (const branch of branches as unknown[]) {
    if (!Array.isArray(branch) || branch.length !== 1) return undefined;
    const inner = branch[0] as z.core.$ZodIssue;
    if (inner.path.length > 0 || (inner.code !== 'invalid_type' && inner.code !== 'invalid_value'))
      return undefined;
    const texts = reason(asValidationIssue(inner), subject);
    const english = withoutAffixes(texts.en, `${subject} must be `, '.');
    const dutch = withoutAffixes(texts.nl, `${subject} moet `, '.');
    if (english === undefined || dutch === undefined) return undefined;
    en.push(english);
    nl.push(dutch);
  }
  return { en: `${subject} must be ${en.join(', or ')}.`, nl: `${subject} moet ${nl.join(', of ')}.` };
}

/** The reason, as a sentence about `subject` (the field's path, or the request part). */
function reason(issue: ValidationIssue, subject: string): Texts {
  const p = issue.params;
  const origin = typeof p['origin'] === 'string' ? p['origin'] : '';
  const inclusive = p['inclusive'] !== false;
  switch (issue.keyword) {
    case 'invalid_type': {
      const received = receivedType(issue);
      if (received === 'undefined') return { en: `${subject} is required.`, nl: `${subject} is verplicht.` };
      const expected = TYPE_NAME[String(p['expected'])];
      if (expected)
        return { en: `${subject} must be ${expected.en}.`, nl: `${subject} moet ${expected.nl} zijn.` };
      return { en: `${subject} has the wrong type.`, nl: `${subject} heeft het verkeerde type.` };
    }
    case 'too_big': {
      const max = String(p['maximum']);
      if (origin === 'string')
        return {
          en: `${subject} is too long: at most ${max} characters.`,
          nl: `${subject} is te lang: hoogstens ${max} tekens.`,
        };
      if (origin === 'array' || origin === 'set')
        return {
          en: `${subject} has too many items: at most ${max}.`,
          nl: `${subject} bevat te veel elementen: hoogstens ${max}.`,
        };
      return inclusive
        ? { en: `${subject} is too large: at most ${max}.`, nl: `${subject} is te groot: hoogstens ${max}.` }
        : { en: `${subject} must be less than ${max}.`, nl: `${subject} moet kleiner zijn dan ${max}.` };
    }
    case 'too_small': {
      const min = String(p['minimum']);
      if (origin === 'string')
        return min === '1'
          ? { en: `${subject} may not be empty.`, nl: `${subject} mag niet leeg zijn.` }
          : {
              en: `${subject} is too short: at least ${min} characters.`,
              nl: `${subject} is te kort: minstens ${min} tekens.`,
            };
      if (origin === 'array' || origin === 'set')
        return {
          en: `${subject} needs at least ${min} ${min === '1' ? 'item' : 'items'}.`,
          nl: `${subject} moet minstens ${min} ${min === '1' ? 'element' : 'elementen'} bevatten.`,
        };
      return inclusive
        ? { en: `${subject} is too small: at least ${min}.`, nl: `${subject} is te klein: minstens ${min}.` }
        : { en: `${subject} must be greater than ${min}.`, nl: `${subject} moet groter zijn dan ${min}.` };
    }
    case 'invalid_value': {
      const values = Array.isArray(p['values']) ? (p['values'] as unknown[]).map(quoted) : [];
      if (values.length === 1)
        return { en: `${subject} must be ${values[0]}.`, nl: `${subject} moet ${values[0]} zijn.` };
      return {
        en: `${subject} must be one of: ${values.join(', ')}.`,
        nl: `${subject} moet een van deze waarden zijn: ${values.join(', ')}.`,
      };
    }
    case 'invalid_format': {
      const format = FORMAT_TEXT[String(p['format'])];
      if (format) return { en: `${subject} is ${format.en}.`, nl: `${subject} is ${format.nl}.` };
      return { en: `${subject} has the wrong format.`, nl: `${subject} heeft niet de juiste vorm.` };
    }
    case 'invalid_union':
      return (
        unionReason(issue, subject) ?? {
          en: `${subject} is not valid.`,
          nl: `${subject} is niet geldig.`,
        }
      );
    case 'not_multiple_of':
      return {
        en: `${subject} must be a multiple of ${String(p['divisor'])}.`,
        nl: `${subject} moet een veelvoud zijn van ${String(p['divisor'])}.`,
      };
    default:
      return { en: `${subject} is not valid.`, nl: `${subject} is niet geldig.` };
  }
}

/** A schema's own message, with the field named in front unless the message starts with it. */
function withSchemaMessage(message: string, field: string | undefined, locale: Locale): string {
  const text = locale === 'nl' ? (CUSTOM_NL[message] ?? message) : message;
  if (!field) return text;
  const name = field.split('.').at(-1) ?? field;
  if (text.startsWith(`${name} `)) return `${field}${text.slice(name.length)}`;
  return `${field}: ${text}`;
}

function unknownKeyDetails(issue: ValidationIssue, locale: Locale): ValidationDetail[] {
  const parent = fieldOf(issue.instancePath);
  const keys = Array.isArray(issue.params['keys']) ? (issue.params['keys'] as unknown[]).map(String) : [];
  return keys.map((key) => ({
    code: 'invalid_field',
    field: parent ? `${parent}.${key}` : key,
    description:
      locale === 'nl'
        ? `Onbekend veld "${key}": dit verzoek kent het niet. Laat het weg of controleer de spelling.`
        : `Unknown field "${key}": this request does not take it. Leave it out or check its spelling.`,
  }));
}

/**
 * The details of one validation issue. `part` is fastify's validation context (`body`,
 * `querystring`, `params`, `headers`): it names the subject of an issue about the part as a whole.
 */
export function validationDetails(
  issue: ValidationIssue,
  part: string | undefined,
  locale: Locale,
): ValidationDetail[] {
  if (issue.keyword === 'unrecognized_keys') return unknownKeyDetails(issue, locale);
  const field = fieldOf(issue.instancePath);
  const own = schemaMessage(issue);
  const description =
    own !== undefined
      ? withSchemaMessage(own, field, locale)
      : reason(issue, subjectOf(field, part)[locale])[locale];
  return [{ code: 'invalid_field', ...(field ? { field } : {}), description }];
}

/**
 * The details of input a route checks with zod itself (a multipart form's fields), in both
 * languages: the same fields and sentences as for a request part fastify validates.
 */
export function zodIssueDetails(issues: readonly z.core.$ZodIssue[], part: RequestPart): ErrorDetail[] {
  return issues.flatMap((zodIssue) => {
    const issue = asValidationIssue(zodIssue);
    const dutch = validationDetails(issue, part, 'nl');
    return validationDetails(issue, part, 'en').map((detail, index) => ({
      ...detail,
      descriptionNl: dutch[index]?.description ?? detail.description,
    }));
  });
}
