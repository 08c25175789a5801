// SPEC §6 matches headers by name, trimmed and case-insensitive. Whitespace a spreadsheet user
// cannot see (a no-break space pasted from a web page, two spaces) inside a header must not make a
// SPEC column an "unknown column" whose warning shows a name that looks exactly like it.
import { describe, expect, it } from 'vitest';
import { mapHeader } from './map-header.ts';

describe('mapHeader and invisible whitespace inside a header', () => {
  it.each([
    ['a no-break space', 'First\u00a0Name', 'firstName'],
    ['two spaces', 'Webex  Calling', 'webex_calling'],
    ['a tab', 'Last\tName', 'lastName'],
    ['a no-break space in the email header', 'User\u00a0ID/Email (Required)', 'email'],
    ['a narrow no-break space in a Dutch header', 'Jabber\u202fmet Webex Teams', 'jabberWithTeams'],
  ])('%s', (_name, header, key) => {
    const mapped = mapHeader(
      ['User ID/Email (Required)', header].filter((each, index) => (index === 0 ? key !== 'email' : true)),
    );
    expect(mapped.ok && mapped.columns.map((column) => column.column.key)).toContain(key);
    expect(mapped.ok && mapped.warnings).toEqual([]);
  });
});
