// A link's token that is not one of ours gets the link's own answer whatever its length: the web
// page shows that answer, and a short one got a developer's "token is too short: at least 10
// characters" instead of "the link is not valid, used or expired" (as password reset always did).
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const harness = useTestApp({ env: { RATE_LIMIT_LOGIN_PER_MINUTE: '1000' } });

describe('a bogus token in a public link, short or long', () => {
  it.each([
    { url: '/v1/signup/verify', code: 'invalid_token' },
    { url: '/v1/consent', code: 'invalid_consent_link' },
    {
      url: '/v1/auth/password-reset/confirm',
      code: 'invalid_token',
      extra: { password: 'a long new passphrase 42' },
    },
  ])('$url answers $code for "abc" as for a long forged token', async ({ url, code, extra }) => {
    for (const token of ['abc', 'x'.repeat(60)]) {
      const response = await harness().app.inject({
        method: 'POST',
        url,
        headers: { 'accept-language': 'nl' },
        payload: { token, ...extra },
      });
      expect(response.statusCode, `${token}: ${response.body}`).toBe(400);
      expect(response.json().errors[0].code, token).toBe(code);
    }
  });
});
