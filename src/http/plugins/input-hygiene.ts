// One guard for every route's input, before any route, hook of a route or service sees it:
// - path parameters and the query string (onRequest, so before SCIM's authentication reads the
//   customer id from the path) and the parsed body (preValidation) must hold only text the
//   database can store (plugins/unstorable-text.ts): else 400 naming the field;
// - a JSON body that does not parse is a 400 with our own code `invalid_json` in the request's
//   language, not Fastify's English FST_ERR_CTP_INVALID_JSON_BODY;
// - a JSON body nesting arrays/objects deeper than MAX_JSON_DEPTH is a 400 before JSON.parse runs
//   (plugins/json-depth.ts): parsing millions of levels held the event loop for seconds;
// - a text/plain body is 415: no route takes it (CSV uploads register text/csv themselves), and
//   Fastify's default parser handed the text to a route's object schema ("expected object").
// The errors are AppErrors, so each API's error handler answers them in its own shape.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { validationFailed, type ErrorDetail } from '../../domain/errors.ts';
import { subjectOf, type RequestPart } from '../validation-message.ts';
import { MAX_JSON_DEPTH, jsonNestsDeeperThan } from './json-depth.ts';
import { fieldName, findUnstorableText, type UnstorableText } from './unstorable-text.ts';

/** Where a value came from, as the zod validation details call it. */
type InputPart = Extract<RequestPart, 'params' | 'querystring' | 'body'>;

/** A sentence about `subject` (the field's path, or the request part): what is wrong with it. */
function reasonText(found: UnstorableText, subject: { en: string; nl: string }): { en: string; nl: string } {
  switch (found.reason) {
    case 'nul':
      return {
        en: `${subject.en} contains the NUL character (U+0000), which cannot be stored.`,
        nl: `${subject.nl} bevat het NUL-teken (U+0000), dat niet kan worden opgeslagen.`,
      };
    case 'lone_surrogate':
      return {
        en: `${subject.en} contains an unpaired UTF-16 surrogate (U+D800–U+DFFF), which is not valid Unicode.`,
        nl: `${subject.nl} bevat een los UTF-16-surrogaat (U+D800–U+DFFF), wat geen geldige Unicode is.`,
      };
    case 'forbidden_key':
      return {
        en: `${subject.en} is refused: the key "${found.key ?? ''}" is not allowed.`,
        nl: `${subject.nl} is geweigerd: de sleutel "${found.key ?? ''}" is niet toegestaan.`,
      };
  }
}

/**
 * The detail as the validation errors word theirs (validation-message.ts): `field` is the
 * property's path, the description a sentence that starts with it (else with the request part).
 */
export function unstorableTextDetail(part: InputPart, found: UnstorableText): ErrorDetail {
  const field = fieldName(found.path);
  const reason = reasonText(found, subjectOf(field, part));
  return {
    code: found.reason === 'forbidden_key' ? 'forbidden_key' : 'invalid_character',
    description: reason.en,
    descriptionNl: reason.nl,
    ...(field ? { field } : {}),
  };
}

/**
 * Throws the 400 for the first unstorable text in `value`. The hooks call it for every request;
 * a route calls it only for input the hooks cannot see: a multipart part is read by the route.
 */
export function refuseUnstorable(part: InputPart, value: unknown): void {
  const found = findUnstorableText(value);
  if (found) throw validationFailed([unstorableTextDetail(part, found)]);
}

export const INVALID_JSON_CODE = 'invalid_json';

/** Throws on bytes that are not UTF-8; a leading BOM is dropped (RFC 8259 lets a parser ignore it). */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON is UTF-8 (RFC 8259 §8.1). Decoding with replacement characters stored "\ufffd(\ufffd" for
 * a name sent in another encoding, with a 201: the client must hear that its bytes were not text.
 * Null when the bytes are not UTF-8.
 */
export function decodeUtf8Body(body: Buffer): string | null {
  try {
    return strictUtf8.decode(body);
  } catch {
    return null;
  }
}

/** The JSON parser of every route (SCIM's application/scim+json has its own): ours, for the texts. */
export function parseJsonBytes(bytes: Buffer): unknown {
  const body = decodeUtf8Body(bytes);
  if (body === null)
    throw validationFailed([
      {
        code: INVALID_JSON_CODE,
        description: 'The request body is not valid UTF-8: JSON must be sent as UTF-8.',
        descriptionNl:
          'De inhoud van het verzoek is geen geldige UTF-8: JSON moet als UTF-8 worden verstuurd.',
      },
    ]);
  return parseJsonBody(body);
}

function parseJsonBody(body: string): unknown {
  if (body.length === 0)
    throw validationFailed([
      {
        code: INVALID_JSON_CODE,
        description: 'The request body is empty, but its Content-Type says JSON.',
        descriptionNl: 'De inhoud van het verzoek is leeg, maar het Content-Type zegt JSON.',
      },
    ]);
  if (jsonNestsDeeperThan(body, MAX_JSON_DEPTH))
    throw validationFailed([
      {
        code: INVALID_JSON_CODE,
        description: `The request body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep.`,
        descriptionNl: `De inhoud van het verzoek nest arrays en objecten dieper dan ${MAX_JSON_DEPTH} niveaus.`,
      },
    ]);
  try {
    // Plain JSON.parse: a `__proto__` key becomes an own property here, which the preValidation
    // hook refuses by name (secure-json-parse threw, and Fastify said only "not valid JSON").
    return JSON.parse(body) as unknown;
  } catch (error) {
    const reason = error instanceof SyntaxError ? ` (${error.message})` : '';
    throw validationFailed([
      {
        code: INVALID_JSON_CODE,
        description: `The request body is not valid JSON${reason}.`,
        descriptionNl: 'De inhoud van het verzoek is geen geldige JSON.',
      },
    ]);
  }
}

async function checkPathAndQuery(request: FastifyRequest): Promise<void> {
  refuseUnstorable('params', request.params);
  refuseUnstorable('querystring', request.query);
}

async function checkBody(request: FastifyRequest): Promise<void> {
  refuseUnstorable('body', request.body);
}

export const inputHygienePlugin = fp(
  async (app: FastifyInstance) => {
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
      try {
        done(null, parseJsonBytes(typeof body === 'string' ? Buffer.from(body) : body));
      } catch (error) {
        done(error as Error, undefined);
      }
    });
    app.removeContentTypeParser('text/plain');
    app.addHook('onRequest', checkPathAndQuery);
    app.addHook('preValidation', checkBody);
  },
  { name: 'input-hygiene' },
);
