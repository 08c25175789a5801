// Request validation texts in the request's language (SPEC §7). The issues reach the error handler
// with zod's English message already made, so a Dutch one is made again with zod's own `nl` locale.
// A message written in a schema (not zod's default) has no Dutch of zod's: it gets one from
// CUSTOM_NL, else stays English.
import { z } from 'zod';
import type { Locale } from '../domain/messages/locale.ts';

/** An issue as fastify-type-provider-zod hands it on: zod's issue with `code` as `keyword`. */
export interface ValidationIssue {
  readonly keyword: string;
  readonly instancePath: string;
  readonly message?: string | undefined;
  readonly params: Readonly<Record<string, unknown>>;
}

type ZodIssue = Parameters<ReturnType<typeof z.locales.en>['localeError']>[0];

/** Dutch for the messages our admin schemas write themselves. */
const CUSTOM_NL: Readonly<Record<string, string>> = {
  'a language such as en, nl or nl_NL': 'een taal zoals en, nl of nl_NL',
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

function toZodIssue(issue: ValidationIssue): ZodIssue {
  // zod names most types in lower case, but not-a-number as "NaN".
  const received = /received (\w+)$/.exec(issue.message ?? '')?.[1]?.toLowerCase();
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

function format(map: ReturnType<typeof z.locales.en>['localeError'], issue: ZodIssue): string | undefined {
  const made = map(issue);
  return typeof made === 'string' ? made : made?.message;
}

const english = z.locales.en().localeError;
const dutch = z.locales.nl().localeError;

/** The issue's message in `locale`: zod's Dutch text where zod wrote the English one. */
export function validationMessage(issue: ValidationIssue, locale: Locale): string {
  const message = issue.message ?? '';
  if (locale === 'en') return message;
  const custom = CUSTOM_NL[message];
  if (custom) return custom;
  const zodIssue = toZodIssue(issue);
  if (format(english, zodIssue) !== message) return message;
  return format(dutch, zodIssue) ?? message;
}
