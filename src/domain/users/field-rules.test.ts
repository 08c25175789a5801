import { describe, expect, it } from 'vitest';
import { FIELD_MAX_LENGTH, fieldProblem, type LimitedField } from './field-rules.ts';
import { TEXT_FIELDS } from './user-fields.ts';

describe('FIELD_MAX_LENGTH', () => {
  it('has a limit for every free-text field', () => {
    for (const field of TEXT_FIELDS) expect(FIELD_MAX_LENGTH[field]).toBeGreaterThan(0);
  });

  it('keeps indexed columns under the btree row limit of 2704 bytes (4 bytes a character at worst)', () => {
    for (const field of [
      'firstName',
      'lastName',
      'displayName',
      'email',
      'scimUserName',
      'scimExternalId',
    ] as const)
      expect(FIELD_MAX_LENGTH[field] * 4).toBeLessThan(2704);
    // The full-name index holds first and last name together.
    expect((FIELD_MAX_LENGTH.firstName + FIELD_MAX_LENGTH.lastName + 1) * 4).toBeLessThan(2704);
  });
});

describe('fieldProblem', () => {
  const cases: Array<{ field: LimitedField; value: string; problem: ReturnType<typeof fieldProblem> }> = [
    { field: 'firstName', value: 'N'.repeat(100), problem: null },
    { field: 'firstName', value: 'N'.repeat(101), problem: { kind: 'too_long', length: 101, limit: 100 } },
    { field: 'firstName', value: 'N'.repeat(3000), problem: { kind: 'too_long', length: 3000, limit: 100 } },
    { field: 'title', value: 'T'.repeat(200), problem: null },
    { field: 'title', value: 'T'.repeat(5000), problem: { kind: 'too_long', length: 5000, limit: 200 } },
    {
      field: 'scimUserName',
      value: 'u'.repeat(20000),
      problem: { kind: 'too_long', length: 20000, limit: 320 },
    },
    { field: 'lastName', value: 'Ågård-Øster', problem: null },
    { field: 'lastName', value: '山田', problem: null },
    { field: 'lastName', value: 'al-\u200dName', problem: null }, // ZWJ is part of some scripts
    {
      field: 'firstName',
      value: 'Bel\u0007l',
      problem: { kind: 'forbidden_character', character: 'U+0007' },
    },
    { field: 'firstName', value: 'Tab\there', problem: null }, // a spreadsheet cell can hold it
    { field: 'title', value: 'two\r\nlines', problem: null }, // Alt+Enter in a cell
    {
      field: 'title',
      value: 'vertical\u000btab',
      problem: { kind: 'forbidden_character', character: 'U+000B' },
    },
    { field: 'title', value: 'c1\u0085', problem: { kind: 'forbidden_character', character: 'U+0085' } },
    {
      field: 'firstName',
      value: 'gnp\u202Eexe',
      problem: { kind: 'forbidden_character', character: 'U+202E' },
    },
    {
      field: 'firstName',
      value: '\u202Aembed',
      problem: { kind: 'forbidden_character', character: 'U+202A' },
    },
    {
      field: 'department',
      value: 'iso\u2066late',
      problem: { kind: 'forbidden_character', character: 'U+2066' },
    },
    {
      field: 'department',
      value: 'iso\u2069late',
      problem: { kind: 'forbidden_character', character: 'U+2069' },
    },
  ];
  it.each(cases)('$field: $problem', ({ field, value, problem }) => {
    expect(fieldProblem(field, value)).toEqual(problem);
  });
});
