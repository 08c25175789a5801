// The Wholesale customer PUT refuses to take away the package of the customer's default package
// template (settings), as the admin PATCH does (409 package_in_use): new users and CSV rows without
// a package get the template, and a package no longer sold cannot be assigned (SPEC §2). In the
// Wholesale error shape: 409 with the package-in-use code 10018, and nothing stored.
import { describe, expect, it } from 'vitest';
import { publicErrorResponseSchema } from '../../src/http/routes/wholesale/schemas.ts';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';

const harness = useTestApp();

describe('PUT /v1/wholesale/customers/{id} and the default package template', () => {
  it('refuses removing the default package for new users (409, 10018) and keeps the packages', async () => {
    const { app, database, partnerId, tokens, auth } = harness();
    const customer = await createTestCustomer(database.db, partnerId, { provision: true });
    // A location, as a customer sold calling packages has one (else the PUT answers 400 10016).
    const location = await app.inject({
      method: 'POST',
      url: `/v1/customers/${customer.id}/locations`,
      headers: auth(tokens.partnerFull),
      payload: {
        name: 'HQ',
        country: 'NL',
        city: 'Amsterdam',
        addressLine1: 'Damrak 1',
        timeZone: 'Europe/Amsterdam',
      },
    });
    expect(location.statusCode, location.body).toBe(201);
    const settings = await app.inject({
      method: 'PATCH',
      url: `/v1/customers/${customer.id}/settings`,
      headers: auth(tokens.partnerFull),
      payload: { defaultPackage: 'webex_suite' },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const soldBefore = (
      await app.inject({ url: `/v1/wholesale/customers/${customer.id}`, headers: auth(tokens.partnerFull) })
    ).json<{ packages: string[] }>().packages;
    expect(soldBefore).toContain('webex_suite');

    const refused = await app.inject({
      method: 'PUT',
      url: `/v1/wholesale/customers/${customer.id}`,
      headers: auth(tokens.partnerFull),
      payload: { packages: soldBefore.filter((id) => id !== 'webex_suite') },
    });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(publicErrorResponseSchema.safeParse(refused.json()).success, refused.body).toBe(true);
    const errors = refused.json<{ errors: { errorCode: number; description: string }[] }>().errors;
    expect(errors.map((error) => error.errorCode)).toEqual([10018]);
    expect(errors[0]?.description).toContain('webex_suite');

    const soldAfter = (
      await app.inject({ url: `/v1/wholesale/customers/${customer.id}`, headers: auth(tokens.partnerFull) })
    ).json<{ packages: string[] }>().packages;
    expect(soldAfter).toEqual(soldBefore);

    // Keeping the template's package, the same customer's update is accepted.
    const accepted = await app.inject({
      method: 'PUT',
      url: `/v1/wholesale/customers/${customer.id}`,
      headers: auth(tokens.partnerFull),
      payload: { packages: soldBefore.filter((id) => id !== 'attendant_console') },
    });
    expect(accepted.statusCode, accepted.body).toBe(202);
  });
});
