import { describe, expect, it } from 'vitest';
import { columnKeysOf, scrubImportRow, type ImportResultTuple } from './scrub-import-row.ts';
import { emailsPattern } from './scrub-personal-data.ts';

const T = 'erased:0123456789abcdef';
const EMAILS = new Set(['ann@example.org', 'ann.old@example.org']);
const TERMS = { tombstone: T, emails: EMAILS, emailsPattern: emailsPattern(EMAILS) };
const HEADERS = [
  'First Name',
  'Achternaam',
  'User ID/Email (Required)',
  'Phone Number',
  'Location',
  'Webex Calling',
  'Notes',
];
const KEYS = columnKeysOf(HEADERS);

describe('columnKeysOf', () => {
  it('maps English and Dutch headers to column keys and leaves ignored ones undefined', () => {
    expect(KEYS.slice(0, 5)).toEqual(['firstName', 'lastName', 'email', 'phoneNumber', 'location']);
    expect(KEYS[6]).toBeUndefined();
  });
});

describe('scrubImportRow', () => {
  const cases: {
    name: string;
    row: ImportResultTuple;
    expected: ImportResultTuple;
  }[] = [
    {
      name: "an error row about the person: email, personal cells and the issue's quoted value go; facts stay",
      row: [
        3,
        4,
        'Ann@Example.org',
        'error',
        'error',
        [
          {
            severity: 'error',
            code: 'invalid_phone_number',
            column: 'phoneNumber',
            params: { value: '0612' },
          },
          { severity: 'warning', code: 'location_required', column: 'location', params: { package: 'x' } },
        ],
        null,
        ['Ann', 'Jansen', 'Ann@Example.org', '0612', 'Amsterdam HQ', 'TRUE', 'likes cake', 'extra'],
      ],
      expected: [
        3,
        4,
        T,
        'error',
        'error',
        [
          { severity: 'error', code: 'invalid_phone_number', column: 'phoneNumber', params: { value: T } },
          { severity: 'warning', code: 'location_required', column: 'location', params: { package: 'x' } },
        ],
        null,
        [T, T, T, T, 'Amsterdam HQ', 'TRUE', T, T],
      ],
    },
    {
      name: 'a modify row about the person (an old address): personal changes go, package changes stay',
      row: [
        5,
        6,
        'ann.old@example.org',
        'modify',
        'ok',
        null,
        [
          { field: 'lastName', before: 'Jansen', after: 'de Vries' },
          { field: 'extension', before: null, after: '1234' },
          { field: 'package', before: 'webex_calling', after: 'webex_suite' },
        ],
        null,
      ],
      expected: [
        5,
        6,
        T,
        'modify',
        'ok',
        null,
        [
          { field: 'lastName', before: T, after: T },
          { field: 'extension', before: null, after: T },
          { field: 'package', before: 'webex_calling', after: 'webex_suite' },
        ],
        null,
      ],
    },
    {
      name: "someone else's row naming the person as manager: only the address goes",
      row: [
        7,
        8,
        'bob@example.org',
        'modify',
        'ok',
        null,
        [{ field: 'manager', before: null, after: 'ann@example.org' }],
        null,
      ],
      expected: [
        7,
        8,
        'bob@example.org',
        'modify',
        'ok',
        null,
        [{ field: 'manager', before: null, after: T }],
        null,
      ],
    },
    {
      name: 'a row of joann@example.org is not the person',
      row: [9, 10, 'joann@example.org', 'add', 'ok', null, null, null],
      expected: [9, 10, 'joann@example.org', 'add', 'ok', null, null, null],
    },
  ];

  for (const { name, row, expected } of cases) {
    it(name, () => {
      expect(scrubImportRow(row, KEYS, TERMS)).toEqual(expected);
    });
  }
});
