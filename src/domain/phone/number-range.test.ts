import { describe, expect, it } from 'vitest';
import { MAX_NUMBERS_PER_REQUEST, expandNumberRanges, tooManyNumbers } from './number-range.ts';

describe('expandNumberRanges', () => {
  it.each([
    { input: ['+31201234500-+31201234502'], numbers: ['+31201234500', '+31201234501', '+31201234502'] },
    { input: ['+31201234500 - +31201234501'], numbers: ['+31201234500', '+31201234501'] },
    { input: ['020 123 4503'], numbers: ['+31201234503'] },
    { input: ['020-123-4503'], numbers: ['+31201234503'] },
    { input: ['+31201234501', '+31201234501'], numbers: ['+31201234501'] },
    // National format, both ends read with the location's country (SPEC §4).
    {
      input: ['0301234500-0301234503'],
      numbers: ['+31301234500', '+31301234501', '+31301234502', '+31301234503'],
    },
    { input: ['030-1234500-030-1234501'], numbers: ['+31301234500', '+31301234501'] },
    { input: ['030 123 4500 - 030 123 4501'], numbers: ['+31301234500', '+31301234501'] },
    { input: ['0301234500..0301234501'], numbers: ['+31301234500', '+31301234501'] },
    { input: ['0301234500-+31301234501'], numbers: ['+31301234500', '+31301234501'] },
    { input: ['+31301234500-0301234501'], numbers: ['+31301234500', '+31301234501'] },
    { input: ['0301234500-0301234500'], numbers: ['+31301234500'] },
  ])('expands $input', ({ input, numbers }) => {
    expect(expandNumberRanges(input, 'NL')).toEqual({ ok: true, numbers });
  });

  it.each([
    { input: ['+31201234502-+31201234500'], code: 'invalid_range' },
    { input: ['not a number'], code: 'invalid_phone_number' },
    { input: ['+31200000000-+31209999999'], code: 'range_too_large' },
    { input: ['0301234503-0301234500'], code: 'invalid_range' },
    { input: ['0301234500-0201234599'], code: 'invalid_range' },
    { input: ['0301234500-+442079460000'], code: 'invalid_range' },
    { input: ['0300000000-0309999999'], code: 'range_too_large' },
    { input: ['0301234500-12'], code: 'invalid_phone_number' },
    { input: ['0301234500-0301234500-0301234501'], code: 'invalid_phone_number' },
  ])('rejects $input with $code', ({ input, code }) => {
    const result = expandNumberRanges(input, 'NL');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.code).toBe(code);
  });

  it('names the input that is not a number of the location country', () => {
    expect(expandNumberRanges(['0301234500-12'], 'NL')).toMatchObject({
      ok: false,
      errors: [{ description: '"0301234500-12" is not a valid phone number for NL.' }],
    });
  });
});

describe('tooManyNumbers', () => {
  it.each([
    [MAX_NUMBERS_PER_REQUEST, 'add', null],
    [MAX_NUMBERS_PER_REQUEST, 'remove', null],
    [
      MAX_NUMBERS_PER_REQUEST + 1,
      'add',
      {
        description: 'At most 10000 numbers can be added at once.',
        descriptionNl: 'Er kunnen maximaal 10000 nummers tegelijk worden toegevoegd.',
      },
    ],
    [
      MAX_NUMBERS_PER_REQUEST + 1,
      'remove',
      {
        description: 'At most 10000 numbers can be removed at once.',
        descriptionNl: 'Er kunnen maximaal 10000 nummers tegelijk worden verwijderd.',
      },
    ],
  ] as const)('%i numbers to %s: %j', (count, action, texts) => {
    expect(tooManyNumbers(count, action)).toEqual(
      texts && { code: 'range_too_large', field: 'numbers', ...texts },
    );
  });
});
