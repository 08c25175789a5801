import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, isPreferredLanguage } from './user-text-rules.ts';

describe('canonicalTimeZone', () => {
  it.each([
    { input: 'Europe/Amsterdam', stored: 'Europe/Amsterdam' },
    { input: ' europe/amsterdam ', stored: 'Europe/Amsterdam' },
    { input: 'America/Argentina/Buenos_Aires', stored: 'America/Argentina/Buenos_Aires' },
    { input: 'UTC', stored: 'UTC' },
    { input: 'Etc/UTC', stored: 'Etc/UTC' },
    { input: 'Etc/GMT+1', stored: 'Etc/GMT+1' },
    { input: 'Asia/Calcutta', stored: 'Asia/Calcutta' },
  ])('accepts $input as $stored', ({ input, stored }) => {
    expect(canonicalTimeZone(input)).toBe(stored);
  });

  it.each([
    { input: 'Mars/Olympus', why: 'no such IANA zone' },
    { input: 'Europe/Atlantis', why: 'no such city' },
    { input: '+01:00', why: 'an offset, not a zone name' },
    { input: 'CET ; drop', why: 'not a name' },
    { input: '', why: 'empty' },
  ])('refuses $input ($why)', ({ input }) => {
    expect(canonicalTimeZone(input)).toBeNull();
  });
});

describe('isPreferredLanguage', () => {
  it.each([
    { input: 'nl', valid: true },
    { input: 'nl_NL', valid: true },
    { input: 'en_US', valid: true },
    { input: 'en-US', valid: true },
    { input: 'en-us', valid: true },
    { input: 'xh', valid: true },
    { input: 'xx-yy-zz', valid: false },
    { input: 'xx', valid: false },
    { input: 'nl_XX', valid: false },
    { input: 'dutch', valid: false },
    { input: 'nld', valid: false },
    { input: 'zh-Hant-TW', valid: false },
  ])('$input: $valid', ({ input, valid }) => {
    expect(isPreferredLanguage(input)).toBe(valid);
  });
});
