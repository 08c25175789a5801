// Customer settings (SPEC §2): defaults, changes (audited), their checks, and their effect on a
// manual add (the default package template).
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const harness = useTestApp();
let customerId: string;
let path: string;

beforeAll(async () => {
  const { app, tokens, auth, drainJobs } = harness();
  const created = await app.inject({
    method: 'POST',
    url: '/v1/customers',
    headers: auth(tokens.partnerFull),
    payload: {
      name: 'Acme',
      externalId: 'ACME',
      adminEmail: 'it@acme.example',
      country: 'NL',
      packages: [{ id: 'webex_meetings' }, { id: 'webex_voice' }],
      firstLocation: { name: 'HQ', country: 'NL', timeZone: 'Europe/Amsterdam' },
    },
  });
  customerId = created.json().id;
  path = `/v1/customers/${customerId}/settings`;
  await drainJobs();
});

function api(
  method: 'GET' | 'PATCH' | 'POST',
  url: string,
  payload?: object,
  token?: string,
  language = 'en',
) {
  const { app, tokens, auth } = harness();
  return app.inject({
    method,
    url,
    headers: { ...auth(token ?? tokens.partnerFull), 'accept-language': language },
    ...(payload ? { payload } : {}),
  });
}

describe('customer settings', () => {
  it('starts with the defaults of SPEC §2', async () => {
    expect((await api('GET', path)).json()).toEqual({
      defaultPackage: null,
      autoAssignBasicLicences: true,
      defaultPreferredWebexSite: null,
      extensionLength: 4,
      defaultImportBehaviour: 'add-only',
    });
  });

  it('changes only the fields given and audits before → after', async () => {
    const response = await api('PATCH', path, {
      defaultPackage: 'webex_meetings',
      extensionLength: 6,
      defaultPreferredWebexSite: ' acme.webex.com ',
    });
    expect(response.json()).toMatchObject({
      defaultPackage: 'webex_meetings',
      extensionLength: 6,
      defaultPreferredWebexSite: 'acme.webex.com',
      autoAssignBasicLicences: true,
    });
    const audit = await api('GET', `/v1/customers/${customerId}/audit`);
    const event = audit
      .json()
      .items.find((item: { action: string }) => item.action === 'customer.settings.update');
    expect(event.before).toMatchObject({ extensionLength: 4 });
    expect(event.after).toMatchObject({ extensionLength: 6 });
  });

  it.each([
    [{ extensionLength: 11 }, 400],
    [{ extensionLength: 1 }, 400],
    [{ defaultPackage: 'webex_suite' }, 400],
    [{ defaultImportBehaviour: 'replace' }, 400],
  ])('refuses %j', async (patch, status) => {
    expect((await api('PATCH', path, patch)).statusCode).toBe(status);
  });

  it('refuses read-only admins', async () => {
    const { tokens } = harness();
    expect((await api('PATCH', path, { extensionLength: 5 }, tokens.partnerReadonly)).statusCode).toBe(403);
  });

  it('gives new users the default package template, and guards the extension length in use', async () => {
    const added = await api('POST', `/v1/customers/${customerId}/users/batch`, {
      users: [
        { email: 'plain@acme.example', firstName: 'Plain' },
        { email: 'voice@acme.example', package: 'webex_voice', extension: '123456', location: 'HQ' },
      ],
    });
    expect(added.json().results.map((r: { user?: { package: string } }) => r.user?.package)).toEqual([
      'webex_meetings',
      'webex_voice',
    ]);
    const refused = await api('PATCH', path, { extensionLength: 4 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().errors[0].code).toBe('extension_length_in_use');
    // It names who holds one, so the admin knows where to start.
    expect(refused.json().message).toBe(
      '1 user has an extension of another length (voice@acme.example); change it first.',
    );
    expect(refused.json().errors[0].description).toBe(
      'Users hold extensions of another length: voice@acme.example.',
    );
  });

  it('names the first three holders of another extension length and counts the rest', async () => {
    const more = await api('POST', `/v1/customers/${customerId}/users/batch`, {
      users: ['d', 'a', 'c', 'b'].map((letter) => ({
        email: `${letter}-voice@acme.example`,
        package: 'webex_voice',
        extension: `12345${letter.charCodeAt(0) - 97}`,
        location: 'HQ',
      })),
    });
    expect(more.statusCode, more.body).toBe(200);
    const refused = await api('PATCH', path, { extensionLength: 4 }, undefined, 'nl');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe(
      '5 gebruikers hebben toestelnummers van een andere lengte (a-voice@acme.example, b-voice@acme.example, c-voice@acme.example en 2 meer); wijzig die eerst.',
    );
  });
});
