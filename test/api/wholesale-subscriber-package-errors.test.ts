// A subscriber's refused `packages` say which packages break which rule, in the public
// description's words ("`attendant_console` is dependent on: …", "Currently accepts only one
// package in the list"), on create, precheck and update alike; never a bare "The request is invalid.".
// As everywhere in the Wholesale API, `errors[].description` is English and `message` follows
// Accept-Language.
import { describe, expect, it } from 'vitest';
import { publicErrorResponseSchema } from '../../src/http/routes/wholesale/schemas.ts';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';

const harness = useTestApp();

async function send(
  method: 'POST' | 'PUT',
  url: string,
  payload: object,
  headers: Record<string, string> = {},
) {
  const { app, tokens, auth } = harness();
  return app.inject({ method, url, headers: { ...auth(tokens.partnerFull), ...headers }, payload });
}

const ADD_ON_ALONE =
  '`attendant_console` is dependent on: `webex_calling`, `webex_suite`, `cx_essentials`. `packages` has none of them.';
const TWO_PACKAGES =
  'Only one package can be assigned to a subscriber, plus `attendant_console`: `packages` currently accepts only one package in the list. It has `webex_meetings`, `webex_voice`.';
const AGENT =
  'Package `cx_premium_agent` is not supported. Supported packages: `webex_voice`, `webex_calling`, `webex_calling_standard`, `webex_meetings`, `webex_suite`, `cx_essentials`, `attendant_console`.';

const CASES = [
  { packages: ['attendant_console'], errorCode: 10009, description: ADD_ON_ALONE },
  { packages: ['webex_meetings', 'webex_voice'], errorCode: 10001, description: TWO_PACKAGES },
  { packages: ['cx_premium_agent'], errorCode: 10004, description: AGENT },
];

describe('refused subscriber packages', () => {
  it.each(CASES)(
    '$packages: create, precheck and update answer $errorCode naming the packages',
    async ({ packages, errorCode, description }) => {
      const { database, partnerId } = harness();
      const customer = await createTestCustomer(database.db, partnerId, { provision: true });
      const created = await send('POST', '/v1/wholesale/subscribers', {
        customerId: customer.id,
        email: `${packages.join('-')}@package-errors.example`,
        package: 'webex_meetings',
        provisioningParameters: {},
      });
      expect(created.statusCode, created.body).toBeLessThan(300);
      const id = (created.json() as { id: string }).id;

      const answers = [
        await send('POST', '/v1/wholesale/subscribers', {
          customerId: customer.id,
          email: `new-${packages.join('-')}@package-errors.example`,
          packages,
          provisioningParameters: {},
        }),
        await send('POST', '/v1/wholesale/subscribers/validate', {
          customerId: customer.id,
          email: `check-${packages.join('-')}@package-errors.example`,
          packages,
        }),
        await send('PUT', `/v1/wholesale/subscribers/${id}`, { packages }),
      ];
      for (const answer of answers) {
        expect(answer.statusCode, answer.body).toBe(400);
        const body = publicErrorResponseSchema.parse(answer.json());
        expect(body.errors).toEqual([{ errorCode, description }]);
        expect(body.message).toBe(description);
      }
    },
  );

  it('says the rule in Dutch in the message for Accept-Language nl; the descriptions stay English', async () => {
    const { database, partnerId } = harness();
    const customer = await createTestCustomer(database.db, partnerId, { provision: true });
    const answer = await send(
      'POST',
      '/v1/wholesale/subscribers',
      {
        customerId: customer.id,
        email: 'dutch@package-errors.example',
        packages: ['attendant_console'],
        provisioningParameters: {},
      },
      { 'accept-language': 'nl' },
    );
    expect(answer.statusCode).toBe(400);
    const body = publicErrorResponseSchema.parse(answer.json());
    expect(body.message).toBe(
      '`attendant_console` is afhankelijk van: `webex_calling`, `webex_suite`, `cx_essentials`. `packages` bevat geen van deze.',
    );
    expect(body.errors).toEqual([{ errorCode: 10009, description: ADD_ON_ALONE }]);
  });
});
