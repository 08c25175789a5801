import { describe, expect, it } from 'vitest';
import { hashToken } from '../../services/auth/secrets.ts';
import { isRateLimitedPath, rateLimitKeys } from './rate-limit-keys.ts';

const TOKEN = 'whk_AbC-123_xyz';

describe('rateLimitKeys', () => {
  it.each([
    ['Bearer whk_AbC-123_xyz'],
    ['bearer whk_AbC-123_xyz'],
    ['BEARER whk_AbC-123_xyz'],
    ['Bearer  whk_AbC-123_xyz'],
  ])('keys %j by the hash of the token, whatever its spelling', (authorization) => {
    expect(rateLimitKeys({ ip: '203.0.113.7', authorization }).token).toBe(`token:${hashToken(TOKEN)}`);
  });

  it('never holds the raw token or session id in a key', () => {
    const keys = rateLimitKeys({
      ip: '203.0.113.7',
      authorization: `Bearer ${TOKEN}`,
      sessionId: 'whs_secret',
    });
    expect(JSON.stringify(keys)).not.toContain(TOKEN);
    expect(JSON.stringify(keys)).not.toContain('whs_secret');
    expect(keys.session).toBe(`session:${hashToken('whs_secret')}`);
  });

  it('gives different tokens different keys', () => {
    const one = rateLimitKeys({ ip: '203.0.113.7', authorization: 'Bearer whk_one' });
    const other = rateLimitKeys({ ip: '203.0.113.7', authorization: 'Bearer whk_two' });
    expect(one.token).not.toBe(other.token);
    expect(one.ip).toBe(other.ip);
  });

  it.each([
    [{ ip: '203.0.113.7' }, { token: null, session: null }],
    [
      { ip: '203.0.113.7', authorization: 'Basic dXNlcjpwYXNz' },
      { token: null, session: null },
    ],
    [
      { ip: '203.0.113.7', sessionId: null },
      { token: null, session: null },
    ],
    [
      { ip: '203.0.113.7', sessionId: '' },
      { token: null, session: null },
    ],
    [
      { ip: '203.0.113.7', authorization: 'Bearer whk_t', sessionId: 'whs_s' },
      { token: `token:${hashToken('whk_t')}`, session: `session:${hashToken('whs_s')}` },
    ],
  ])('counts %j against these credentials', (identity, expected) => {
    expect(rateLimitKeys(identity)).toMatchObject(expected);
  });

  it.each([
    ['203.0.113.7', 'ip:203.0.113.7'],
    ['::ffff:203.0.113.7', 'ip:203.0.113.7'],
    // One host holds a whole IPv6 /64: it is one client.
    ['2001:db8:1:2:aaaa::1', 'ip:2001:db8:1:2::'],
    ['2001:db8:1:2:bbbb::9', 'ip:2001:db8:1:2::'],
  ])('keys the client IP %s as %s', (ip, expected) => {
    expect(rateLimitKeys({ ip }).ip).toBe(expected);
  });
});

describe('isRateLimitedPath', () => {
  it.each([
    ['/v1/partners', true],
    ['/v1/auth/login', true],
    ['/scim/v2/c1/Users', true],
    ['/healthz', false],
    ['/metrics', false],
    ['/docs/', false],
    ['/openapi.json', false],
    ['/customers/abc', false],
  ])('%s → %s', (url, expected) => {
    expect(isRateLimitedPath(url)).toBe(expected);
  });
});
