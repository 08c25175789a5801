import { describe, expect, it } from 'vitest';
import { rangeEntry, rangeSize } from './range-size.ts';

describe('rangeSize', () => {
  it.each([
    ['+31201234500', '+31201234599', 100],
    ['+31 20 123 4500', '+31-20-123-4599', 100],
    ['0201234500', '0201234509', 10],
    ['+31201234500', '', 1],
    ['+31201234500', '+31201234500', 1],
    ['+31201234599', '+31201234500', 'reversed'],
    ['+31201234500', '0201234599', null],
    ['+3120123450', '+31201234599', null],
    ['abc', '+31201234599', null],
  ] as const)('%s to %s holds %s', (first, last, expected) => {
    expect(rangeSize(first, last)).toBe(expected);
  });
});

describe('rangeEntry', () => {
  it('joins the ends with the separator the API reads as a range', () => {
    expect(rangeEntry(' +31201234500 ', '+31201234599')).toBe('+31201234500 - +31201234599');
    expect(rangeEntry('+31201234500', ' ')).toBe('+31201234500');
  });
});
