import { invalidPath, ScimError } from '../errors.ts';
import { isAttributeName, parseAttributePath, splitSchemaUrn } from './attribute-path.ts';
import type { PatchPath } from './ast.ts';
import { assertLiteralTypes } from './literal-types.ts';
import { FilterParser } from './parser.ts';
import { tokenize } from './tokenizer.ts';

// PATH = attrPath / valuePath [subAttr]   (RFC 7644 §3.5.2)
// e.g. `name.givenName`, `members[value eq "x"]`, `emails[type eq "work"].value`,
// `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager`, or a bare extension URN.

export function parsePatchPath(input: string, knownUrns?: readonly string[]): PatchPath {
  const text = input.trim();
  if (text === '') throw invalidPath('The path is empty');
  const bracket = text.indexOf('[');
  if (bracket === -1) {
    const { uri, rest } = splitSchemaUrn(text, knownUrns);
    if (uri !== undefined && rest === '') return { uri };
    return parseAttributePath(text, invalidPath, knownUrns);
  }
  const head = parseAttributePath(text.slice(0, bracket), invalidPath, knownUrns);
  if (head.subAttr !== undefined)
    throw invalidPath(`A value filter cannot follow "${text.slice(0, bracket)}"`);
  const tokens = tokenize(text.slice(bracket));
  const parser = new FilterParser(tokens, knownUrns);
  let filter;
  try {
    parser.expect('[');
    filter = parser.parseOr();
    parser.expect(']');
    assertLiteralTypes(filter, head);
  } catch (error) {
    if (error instanceof ScimError && error.scimType === 'invalidFilter') throw invalidPath(error.message);
    throw error;
  }
  const rest = tokens.slice(parser.consumed);
  let subAttr: string | undefined;
  if (rest.length > 0) {
    const [only] = rest;
    if (rest.length !== 1 || only?.type !== 'word' || !only.text.startsWith('.')) {
      throw invalidPath(`Unexpected text after the value filter in "${text}"`);
    }
    subAttr = only.text.slice(1);
    if (!isAttributeName(subAttr)) throw invalidPath(`Invalid sub-attribute "${subAttr}" in "${text}"`);
  }
  return {
    ...(head.uri !== undefined ? { uri: head.uri } : {}),
    attr: head.attr,
    filter,
    ...(subAttr !== undefined ? { subAttr } : {}),
  };
}
