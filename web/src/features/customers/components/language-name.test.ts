import { describe, expect, it } from 'vitest';
import { languageName } from './language-name.ts';

describe('languageName', () => {
  it.each([
    ['nl_NL', 'en', 'Dutch (Netherlands)'],
    ['nl', 'nl', 'Nederlands'],
    ['en_US', 'nl', 'Engels (Verenigde Staten)'],
    ['not a tag', 'en', 'not a tag'],
  ])('names %s in %s as %s', (tag, ui, expected) => {
    expect(languageName(tag, ui)).toBe(expected);
  });
});
