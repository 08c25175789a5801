// Every 401 carries a WWW-Authenticate challenge (RFC 9110 §11.6.1, §15.5.2: the server "MUST send"
// one): the admin API and the Wholesale API answered 401 without it, so an HTTP client that
// re-authenticates on the challenge (or a proxy that checks it) saw a malformed 401. The scheme is
// Bearer (RFC 6750 §3): an API token; a token that was sent and refused is `invalid_token`.
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const harness = useTestApp();

describe('a 401', () => {
  it.each([
    ['the admin API', 'GET', '/v1/customers'],
    ['the Wholesale API', 'GET', '/v1/wholesale/customers'],
    ['consentMove', 'POST', '/v1/subscribers/00000000-0000-4000-8000-000000000001/emails/consentMove'],
  ] as const)('on %s without credentials challenges for a bearer token', async (_label, method, url) => {
    const response = await harness().app.inject({ method, url });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="Wholesale Hub"');
  });

  it('with a refused token says the token is invalid', async () => {
    const response = await harness().app.inject({
      method: 'GET',
      url: '/v1/customers',
      headers: { authorization: 'Bearer whk_not-a-token-of-this-hub' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="Wholesale Hub", error="invalid_token"');
  });

  it('keeps SCIM its own challenge', async () => {
    const response = await harness().app.inject({
      method: 'GET',
      url: '/scim/v2/00000000-0000-4000-8000-000000000001/Users',
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="scim"');
  });

  it('is not sent with other answers', async () => {
    const response = await harness().app.inject({
      method: 'GET',
      url: '/v1/customers',
      headers: harness().auth(harness().tokens.partnerFull),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['www-authenticate']).toBeUndefined();
  });
});
