import { describe, expect, it } from 'vitest';
import { consentUrl, signConsentToken, verifyConsentToken } from './consent-link.ts';

const SECRET = 'test-secret-0123456789abcdef';
const NOW = 1_800_000_000;
const claims = { userId: '0b7c2a1e-1111-4a4a-8b8b-222233334444', email: 'Jan@Acme.com', expiresAt: NOW + 60 };

describe('consent link', () => {
  it('round-trips the claims (email lower-cased)', () => {
    const token = signConsentToken(claims, SECRET);
    expect(verifyConsentToken(token, SECRET, NOW)).toEqual({
      ok: true,
      claims: { ...claims, email: 'jan@acme.com' },
    });
  });

  it('refuses an expired token', () => {
    const token = signConsentToken(claims, SECRET);
    expect(verifyConsentToken(token, SECRET, NOW + 60)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token signed with another secret', () => {
    const token = signConsentToken(claims, 'another-secret-0123456789');
    expect(verifyConsentToken(token, SECRET, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a token whose payload was changed (another user)', () => {
    const token = signConsentToken(claims, SECRET);
    const [version, , signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ u: 'someone-else', e: 'jan@acme.com', x: NOW + 60 }),
    ).toString('base64url');
    expect(verifyConsentToken(`${version}.${forged}.${signature}`, SECRET, NOW)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it.each(['', 'abc', 'c1.only-two', 'c2.a.b', 'c1..sig', 'c1.a.b.c'])('refuses malformed %j', (token) => {
    expect(verifyConsentToken(token, SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses a short secret', () => {
    expect(() => signConsentToken(claims, 'short')).toThrow(/16 characters/);
  });

  it('builds a link with the token escaped', () => {
    expect(consentUrl('https://hub.example/', 'c1.a.b')).toBe('https://hub.example/consent?token=c1.a.b');
  });
});
