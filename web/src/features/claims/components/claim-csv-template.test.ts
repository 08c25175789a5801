import { describe, expect, it } from 'vitest';
import { claimCsvTemplateHref } from './claim-csv-template.ts';

describe('claimCsvTemplateHref', () => {
  it.each([
    ['User ID/Email (Required)', 'User%20ID%2FEmail%20(Required)%0D%0A'],
    ['Gebruikers-ID/e-mail (verplicht)', 'Gebruikers-ID%2Fe-mail%20(verplicht)%0D%0A'],
  ])('holds the header %s and a line end, encoded for a link', (header, encoded) => {
    expect(claimCsvTemplateHref(header)).toBe(`data:text/csv;charset=utf-8,${encoded}`);
  });
});
