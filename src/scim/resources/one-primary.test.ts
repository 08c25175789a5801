import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.ts';
import { keepFirstPrimary } from './one-primary.ts';

describe('keepFirstPrimary (RFC 7643 §2.4)', () => {
  const cases: Array<[string, JsonObject, JsonObject]> = [
    [
      'two primary emails: the first stays',
      {
        emails: [
          { value: 'a', primary: true },
          { value: 'b', primary: true },
        ],
      },
      {
        emails: [
          { value: 'a', primary: true },
          { value: 'b', primary: false },
        ],
      },
    ],
    [
      'one primary: unchanged',
      { phoneNumbers: [{ value: '1' }, { value: '2', primary: true }] },
      { phoneNumbers: [{ value: '1' }, { value: '2', primary: true }] },
    ],
    [
      'each attribute on its own',
      { emails: [{ value: 'a', primary: true }], addresses: [{ primary: true }, { primary: true }] },
      { emails: [{ value: 'a', primary: true }], addresses: [{ primary: true }, { primary: false }] },
    ],
    ['no lists', { userName: 'x' }, { userName: 'x' }],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(keepFirstPrimary(structuredClone(input))).toEqual(expected);
  });
});
