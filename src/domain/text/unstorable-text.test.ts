import { describe, expect, it } from 'vitest';
import { unstorableReason } from './unstorable-text.ts';

describe('unstorableReason', () => {
  it.each([
    ['plain', null],
    ['', null],
    ['Zoë', null],
    ['😀 an emoji is a surrogate pair', null],
    ['𝔘', null],
    ['a\u0000b', 'nul'],
    ['\u0000', 'nul'],
    ['a\ud800', 'lone_surrogate'],
    ['\ud800b', 'lone_surrogate'],
    ['a\udc00', 'lone_surrogate'],
    ['\udc00\ud800', 'lone_surrogate'],
    ['😀\ud83d', 'lone_surrogate'],
    ['\ude00😀', 'lone_surrogate'],
  ] as const)('%j → %s', (text, reason) => {
    expect(unstorableReason(text)).toBe(reason);
  });
});
