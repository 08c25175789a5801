// The warnings of the admin API's user writes carry the values their text names (`params`), so a
// client words them in its own language: the manual add (batch and single) and the package change.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

interface Warning {
  code: string;
  description: string;
  field?: string;
  params?: Record<string, string | number>;
}

const harness = useTestApp();
let customerId = '';

function api(method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, language = 'en') {
  const { app, tokens, auth } = harness();
  return app.inject({
    method,
    url,
    headers: { ...auth(tokens.partnerFull), 'accept-language': language },
    ...(payload ? { payload } : {}),
  });
}

beforeAll(async () => {
  const created = await api('POST', '/v1/customers', {
    name: 'Params BV',
    externalId: 'PARAMS-1',
    adminEmail: 'it@params.example',
    country: 'NL',
    packages: [{ id: 'webex_calling' }, { id: 'webex_meetings' }, { id: 'attendant_console' }],
    firstLocation: { name: 'Amsterdam HQ', country: 'NL', timeZone: 'Europe/Amsterdam' },
  });
  expect(created.statusCode, created.body).toBe(202);
  customerId = created.json().id;
  await harness().drainJobs();
  const numbers = await api('POST', `/v1/customers/${customerId}/numbers`, {
    location: 'Amsterdam HQ',
    numbers: ['+31201234567', '+31201234568'],
  });
  expect(numbers.statusCode, numbers.body).toBe(201);
});

describe('warning params', () => {
  it('the batch add names the typed and the read number of phone_plus_restored, in any language', async () => {
    const response = await api(
      'POST',
      `/v1/customers/${customerId}/users/batch`,
      {
        users: [
          {
            email: 'plus@params.example',
            package: 'webex_calling',
            location: 'Amsterdam HQ',
            phoneNumber: '31201234567',
            preferredWebexSite: 'params.webex.com',
          },
        ],
      },
      'nl',
    );
    expect(response.statusCode, response.body).toBe(200);
    const warnings = response.json().results[0].warnings as Warning[];
    expect(warnings).toEqual([
      {
        code: 'phone_plus_restored',
        description: '"31201234567" is gelezen als +31201234567 (de + aan het begin ontbrak).',
        field: 'phoneNumber',
        params: { value: '31201234567', number: '+31201234567' },
      },
    ]);
  });

  it('the single add names the package of preferred_site_missing', async () => {
    const response = await api('POST', `/v1/customers/${customerId}/users`, {
      email: 'nosite@params.example',
      package: 'webex_meetings',
    });
    expect(response.statusCode, response.body).toBe(201);
    const warnings = response.json().warnings as Warning[];
    expect(warnings.map(({ code, params }) => ({ code, params }))).toEqual([
      { code: 'preferred_site_missing', params: { package: 'webex_meetings' } },
    ]);
  });

  it('the package change names the add-on and the new package of add_on_dropped', async () => {
    const added = await api('POST', `/v1/customers/${customerId}/users`, {
      email: 'console@params.example',
      package: 'webex_calling',
      location: 'Amsterdam HQ',
      phoneNumber: '+31201234568',
      attendantConsole: true,
      preferredWebexSite: 'params.webex.com',
    });
    expect(added.statusCode, added.body).toBe(201);
    const changed = await api('PUT', `/v1/customers/${customerId}/users/${added.json().id}/package`, {
      package: 'webex_meetings',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const dropped = (changed.json().warnings as Warning[]).find((w) => w.code === 'add_on_dropped');
    expect(dropped?.params).toEqual({ addOn: 'attendant_console', package: 'webex_meetings' });
  });

  it('documents params on the warnings in /openapi.json', async () => {
    const { app } = harness();
    const document = (await app.inject({ url: '/openapi.json' })).json();
    const batch = JSON.stringify(
      document.paths['/v1/customers/{customerId}/users/batch'].post.responses['200'],
    );
    expect(batch).toContain('phone_plus_restored {value, number}');
  });
});
