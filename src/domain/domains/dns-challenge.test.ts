import { describe, expect, it } from 'vitest';
import {
  challengeRecordName,
  challengeRecordValue,
  emailInDomain,
  isChallengeSatisfied,
  isWellFormedToken,
  normalizeDomain,
} from './dns-challenge.ts';

const TOKEN = 'b7Jx3kQ9mZ2pL8vR4tY6wN1c';

describe('normalizeDomain', () => {
  it.each([
    ['acme.com', 'acme.com'],
    ['  ACME.Com. ', 'acme.com'],
    ['mail.acme.co.uk', 'mail.acme.co.uk'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['a-b.example', 'a-b.example'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeDomain(input)).toEqual({ ok: true, domain: expected });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['localhost', 'single_label'],
    ['192.168.1.10', 'ip_address'],
    ['::1', 'ip_address'],
    ['-acme.com', 'invalid'],
    ['acme-.com', 'invalid'],
    ['ac me.com', 'invalid'],
    ['acme..com', 'invalid'],
    ['under_score.com', 'invalid'],
    [`${'a'.repeat(64)}.com`, 'invalid'],
    [`${'abcdefghi.'.repeat(26)}com`, 'too_long'],
  ])('refuses %j (%s)', (input, problem) => {
    expect(normalizeDomain(input)).toEqual({ ok: false, problem });
  });
});

describe('challenge record', () => {
  it('names the record and its value as SPEC §5 says', () => {
    expect(challengeRecordName('acme.com')).toBe('_wholesale-hub-challenge.acme.com');
    expect(challengeRecordValue(TOKEN)).toBe(`wholesale-hub-verification=${TOKEN}`);
  });

  it.each([
    ['the exact value', [[`wholesale-hub-verification=${TOKEN}`]], true],
    ['the value split into chunks', [['wholesale-hub-verification=', TOKEN]], true],
    ['the value among other records', [['v=spf1 -all'], [`wholesale-hub-verification=${TOKEN}`]], true],
    ['the value with whitespace and quotes', [[` "wholesale-hub-verification=${TOKEN}" `]], true],
    ['no records', [], false],
    ['an old token', [['wholesale-hub-verification=oldtokenoldtoken1234']], false],
    ['the token without the prefix', [[TOKEN]], false],
    ['another prefix', [[`google-site-verification=${TOKEN}`]], false],
    ['the token with a suffix', [[`wholesale-hub-verification=${TOKEN}x`]], false],
    ['a different case', [[`WHOLESALE-HUB-VERIFICATION=${TOKEN.toUpperCase()}`]], false],
  ])('%s → %s', (_name, records, expected) => {
    expect(isChallengeSatisfied(records, TOKEN)).toBe(expected);
  });

  it.each([
    [TOKEN, true],
    ['short', false],
    ['has space in the token!!', false],
    ['a'.repeat(129), false],
  ])('token %s well-formed: %s', (token, expected) => {
    expect(isWellFormedToken(token)).toBe(expected);
  });
});

describe('emailInDomain', () => {
  it.each([
    ['jan@acme.com', 'acme.com', true],
    ['Jan@ACME.com', 'acme.com', true],
    ['jan@mail.acme.com', 'acme.com', false],
    ['jan@notacme.com', 'acme.com', false],
    ['jan@acme.com.evil.org', 'acme.com', false],
    ['acme.com', 'acme.com', false],
    ['@acme.com', 'acme.com', false],
  ])('%s in %s: %s', (email, domain, expected) => {
    expect(emailInDomain(email, domain)).toBe(expected);
  });
});
