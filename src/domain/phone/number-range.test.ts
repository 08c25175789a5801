import { describe, expect, it } from 'vitest';
import { expandNumberRanges } from './number-range.ts';

describe('expandNumberRanges', () => {
  it.each([
    { input: ['+31201234500-+31201234502'], numbers: ['+31201234500', '+31201234501', '+31201234502'] },
    { input: ['+31201234500 - +31201234501'], numbers: ['+31201234500', '+31201234501'] },
    { input: ['020 123 4503'], numbers: ['+31201234503'] },
    { input: ['020-123-4503'], numbers: ['+31201234503'] },
    { input: ['+31201234501', '+31201234501'], numbers: ['+31201234501'] },
  ])('expands $input', ({ input, numbers }) => {
    expect(expandNumberRanges(input, 'NL')).toEqual({ ok: true, numbers });
  });

  it.each([
    { input: ['+31201234502-+31201234500'], code: 'invalid_range' },
    { input: ['not a number'], code: 'invalid_phone_number' },
    { input: ['+31200000000-+31209999999'], code: 'range_too_large' },
  ])('rejects $input with $code', ({ input, code }) => {
    const result = expandNumberRanges(input, 'NL');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.code).toBe(code);
  });
});
