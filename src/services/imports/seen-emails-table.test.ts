import { describe, expect, it } from 'vitest';
import { SeenEmailsTable } from './seen-emails-table.ts';

describe('SeenEmailsTable', () => {
  it('answers the first row of a repeated email and nothing for a new one', () => {
    const seen = new SeenEmailsTable();
    expect(seen.firstRowOf('a@x.nl', 2)).toBeUndefined();
    expect(seen.firstRowOf('b@x.nl', 3)).toBeUndefined();
    expect(seen.firstRowOf('a@x.nl', 7)).toBe(2);
    expect(seen.firstRowOf('a@x.nl', 9)).toBe(2);
  });

  it('does not count an email that only the shared id map knows as seen', () => {
    const seen = new SeenEmailsTable();
    seen.emailIds.intern('claimer@x.nl');
    expect(seen.firstRowOf('claimer@x.nl', 5)).toBeUndefined();
    expect(seen.firstRowOf('claimer@x.nl', 6)).toBe(5);
  });
});
