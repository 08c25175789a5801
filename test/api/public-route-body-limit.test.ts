// The routes anyone may call without a credential take a few short strings: a body over 16 KiB is
// refused with 413 in the standard error shape, before it is parsed, not read up to the server's
// 5 MiB; the largest legitimate body of each still gets through.
import { describe, expect, it } from 'vitest';
import { PUBLIC_ROUTE_BODY_LIMIT } from '../../src/http/routes/public-body-limit.ts';
import { useTestApp } from '../helpers/app.ts';

const harness = useTestApp({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: '1000' } });

const PUBLIC_ROUTES = [
  '/v1/auth/login',
  '/v1/auth/logout',
  '/v1/auth/accept-invite',
  '/v1/auth/invites/accept',
  '/v1/auth/password-reset',
  '/v1/auth/password-reset/confirm',
  '/v1/signup',
  '/v1/auth/signup',
  '/v1/signup/verify',
  '/v1/consent',
];

/** A flat JSON body of exactly `bytes` bytes. */
const flatBody = (bytes: number): string => {
  const shell = '{"email":""}';
  return `{"email":"${'a'.repeat(bytes - shell.length)}"}`;
};

/** Every character as a `\uXXXX` escape: the longest way to send a string of `length` characters. */
const escaped = (length: number): string => '\\u0061'.repeat(length);

function post(url: string, payload: string, language?: string) {
  return harness().app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json', ...(language ? { 'accept-language': language } : {}) },
    payload,
  });
}

describe('the public routes', () => {
  it.each(PUBLIC_ROUTES)('%s answers a body over 16 KiB with 413', async (url) => {
    const response = await post(url, flatBody(PUBLIC_ROUTE_BODY_LIMIT + 1));
    expect(response.statusCode, response.body).toBe(413);
    expect(response.json()).toEqual({
      message: expect.stringContaining('The request body is larger than'),
      errors: [{ code: 'payload_too_large', description: `The limit is ${PUBLIC_ROUTE_BODY_LIMIT} bytes.` }],
      trackingId: expect.any(String),
    });
  });

  it('answers the 413 in Dutch too', async () => {
    const response = await post('/v1/auth/logout', flatBody(PUBLIC_ROUTE_BODY_LIMIT + 1), 'nl');
    expect(response.statusCode).toBe(413);
    expect(response.json().message).toContain('De inhoud van het verzoek is groter dan');
  });

  it.each(PUBLIC_ROUTES)('%s takes a body of exactly 16 KiB', async (url) => {
    const response = await post(url, flatBody(PUBLIC_ROUTE_BODY_LIMIT));
    expect(response.statusCode, response.body).not.toBe(413);
  });

  it.each([
    ['/v1/auth/accept-invite', { token: escaped(200), password: escaped(1024), displayName: escaped(200) }],
    ['/v1/consent', { token: escaped(2000) }],
    [
      '/v1/signup',
      { email: escaped(254), firstName: escaped(100), lastName: escaped(100), password: escaped(200) },
    ],
  ])('%s takes its largest legitimate body, every character escaped', async (url, fields) => {
    const payload = `{${Object.entries(fields)
      .map(([key, value]) => `"${key}":"${value}"`)
      .join(',')}}`;
    expect(payload.length).toBeLessThanOrEqual(PUBLIC_ROUTE_BODY_LIMIT);
    const response = await post(url, payload);
    expect(response.statusCode, response.body).not.toBe(413);
  });

  it('leaves an authenticated admin route at the server limit', async () => {
    const { app, auth, tokens } = harness();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/customers',
      headers: { ...auth(tokens.partnerFull), 'content-type': 'application/json' },
      payload: flatBody(PUBLIC_ROUTE_BODY_LIMIT * 4),
    });
    expect(response.statusCode, response.body).toBe(400);
  });
});
