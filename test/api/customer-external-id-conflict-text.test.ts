// A taken external ID is named as the customer form names it ("External ID" / "Externe ID"), not by
// the API field `externalId`, which stays in the error's `field`.
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const harness = useTestApp();

const customer = {
  name: 'Bakkerij Jansen',
  externalId: 'EXT-CONFLICT-1',
  adminEmail: 'beheer@jansen.example',
  country: 'NL',
  packages: [{ id: 'webex_calling' }],
};

async function createAgain(language: string) {
  const { app, tokens, auth } = harness();
  const response = await app.inject({
    method: 'POST',
    url: '/v1/customers',
    headers: { ...auth(tokens.partnerFull), 'accept-language': language },
    payload: { ...customer, name: `Bakkerij Jansen ${language}` },
  });
  return { status: response.statusCode, body: response.json() as Record<string, unknown> };
}

describe('a duplicate external ID', () => {
  it('is named as the form names it, in English and Dutch', async () => {
    const { app, tokens, auth } = harness();
    const first = await app.inject({
      method: 'POST',
      url: '/v1/customers',
      headers: auth(tokens.partnerFull),
      payload: customer,
    });
    expect(first.statusCode).toBe(202);

    const dutch = await createAgain('nl');
    expect(dutch.status).toBe(409);
    expect(dutch.body['message']).toBe('Er bestaat al een klant met externe ID "EXT-CONFLICT-1".');
    expect(dutch.body['errors']).toEqual([
      expect.objectContaining({
        code: 'external_id_taken',
        field: 'externalId',
        description: 'Deze externe ID wordt al gebruikt door een andere klant van deze partner.',
      }),
    ]);

    const english = await createAgain('en');
    expect(english.status).toBe(409);
    expect(english.body['message']).toBe('A customer with external ID "EXT-CONFLICT-1" already exists.');
  });
});
