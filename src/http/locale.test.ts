// Messages follow Accept-Language (SPEC §7): Dutch when the client prefers it, else English. A
// weight of 0 means "not acceptable" (RFC 9110 §12.4.2), so it never picks a language.
import { describe, expect, it } from 'vitest';
import { parseLocale } from './locale.ts';

describe('parseLocale', () => {
  const cases: readonly [header: string | undefined, expected: 'en' | 'nl'][] = [
    [undefined, 'en'],
    ['', 'en'],
    ['nl', 'nl'],
    ['NL', 'nl'],
    ['nl-BE', 'nl'],
    ['nl_NL', 'nl'],
    ['en-US,en;q=0.9', 'en'],
    ['en;q=0.5, nl;q=0.9', 'nl'],
    ['fr, nl;q=0.8, en;q=0.5', 'nl'],
    ['fr, de', 'en'],
    ['*', 'en'],
    // q=0: not acceptable, whatever its place in the list.
    ['nl;q=0', 'en'],
    ['nl;q=0.0', 'en'],
    ['nl;q=0, en', 'en'],
    ['fr, nl;q=0', 'en'],
    ['en;q=0, nl;q=0.1', 'nl'],
    ['nl-NL;q=0.000, en;q=0.2', 'en'],
  ];

  it.each(cases)('%j → %s', (header, expected) => {
    expect(parseLocale(header)).toBe(expected);
  });
});
