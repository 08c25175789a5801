// A string literal whose JSON escapes decode to text PostgreSQL cannot hold (NUL, a lone UTF-16
// surrogate) is a bad filter, refused while parsing: it reached the SQL and answered 500 before.
import { describe, expect, it } from 'vitest';
import { parseFilter } from './parser.ts';
import { parsePatchPath } from './path-parser.ts';

describe('string literals that decode to unstorable text', () => {
  const refused: Array<[string, string, RegExp]> = [
    ['a NUL escape', String.raw`userName eq "x\u0000"`, /NUL/],
    ['a NUL escape alone', String.raw`userName eq "\u0000"`, /NUL/],
    ['a NUL escape inside a value filter', String.raw`emails[value co "a\u0000b"]`, /NUL/],
    ['a NUL escape after "and"', String.raw`active eq true and displayName sw "\u0000"`, /NUL/],
    ['a lone high surrogate', String.raw`userName eq "x\ud800"`, /surrogate/],
    ['a lone low surrogate', String.raw`userName eq "\udc00x"`, /surrogate/],
    ['a high surrogate followed by a non-low one', String.raw`userName eq "\ud800\u0041"`, /surrogate/],
    ['two high surrogates', String.raw`userName eq "\ud83d\ud83d"`, /surrogate/],
  ];

  it.each(refused)('refuses %s with invalidFilter', (_name, filter, detail) => {
    expect(() => parseFilter(filter)).toThrow(
      expect.objectContaining({
        status: 400,
        scimType: 'invalidFilter',
        message: expect.stringMatching(detail),
      }) as Error,
    );
  });

  const accepted: Array<[string, string, string]> = [
    ['an escaped surrogate pair', String.raw`userName eq "\ud83d\ude00"`, '😀'],
    ['an escaped control character other than NUL', String.raw`userName eq "a\u0001b"`, 'a\u0001b'],
    ['a literal backslash-u text', String.raw`userName eq "\\u0000"`, '\\u0000'],
  ];

  it.each(accepted)('accepts %s', (_name, filter, value) => {
    expect(parseFilter(filter)).toEqual({ kind: 'compare', path: { attr: 'userName' }, op: 'eq', value });
  });

  it('refuses the same escape in a PATCH path filter', () => {
    expect(() => parsePatchPath(String.raw`emails[value eq "\u0000"].primary`)).toThrow(
      expect.objectContaining({ status: 400 }) as Error,
    );
  });
});
