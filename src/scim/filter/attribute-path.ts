import { invalidFilter } from '../errors.ts';
import type { ScimError } from '../errors.ts';
import { KNOWN_SCHEMA_URNS } from '../schema-urns.ts';
import type { AttributePath } from './ast.ts';

// ATTRNAME = ALPHA *(nameChar); `$ref` is the one name that starts otherwise (RFC 7643 §2.1, §7).
const ATTR_NAME = /^(?:[A-Za-z][A-Za-z0-9_-]*|\$ref)$/;

export interface SplitPath {
  readonly uri?: string;
  /** The part after the URN (or the whole text without one); empty when the text is a bare known URN. */
  readonly rest: string;
}

/**
 * Splits an optional schema URN prefix off a path. Known URNs are matched first, because they contain
 * dots and colons of their own (`...:enterprise:2.0:User:manager`); an unknown URN ends at the last colon.
 */
export function splitSchemaUrn(text: string, knownUrns: readonly string[] = KNOWN_SCHEMA_URNS): SplitPath {
  const lower = text.toLowerCase();
  if (!lower.startsWith('urn:')) return { rest: text };
  for (const urn of knownUrns) {
    const urnLower = urn.toLowerCase();
    if (lower === urnLower) return { uri: urn, rest: '' };
    if (lower.startsWith(`${urnLower}:`)) return { uri: urn, rest: text.slice(urn.length + 1) };
  }
  const lastColon = text.lastIndexOf(':');
  return { uri: text.slice(0, lastColon), rest: text.slice(lastColon + 1) };
}

export function isAttributeName(name: string): boolean {
  return ATTR_NAME.test(name);
}

/** Parses `[uri:]attr[.subAttr]`; throws the given error kind when the text is not one. */
export function parseAttributePath(
  text: string,
  makeError: (detail: string) => ScimError = invalidFilter,
  knownUrns?: readonly string[],
): AttributePath {
  const { uri, rest } = splitSchemaUrn(text, knownUrns);
  const parts = rest.split('.');
  const [attr, subAttr, extra] = parts;
  if (attr === undefined || !isAttributeName(attr) || extra !== undefined) {
    throw makeError(`Invalid attribute path "${text}"`);
  }
  if (subAttr !== undefined && !isAttributeName(subAttr)) {
    throw makeError(`Invalid attribute path "${text}"`);
  }
  return {
    ...(uri !== undefined ? { uri } : {}),
    attr,
    ...(subAttr !== undefined ? { subAttr } : {}),
  };
}
