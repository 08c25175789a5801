// PATCH …/users/{userId} answers the warnings of the change it applied, as create, the 25-user
// batch and PUT …/package do: the same rules (one planner), the same shape (the request property
// in `field`, the values in `params`), in the request's language. Before, PATCH applied a change
// the product corrects or accepts with a warning (a number that lost its `+`, no preferred Webex
// site, an add-on the new package drops) silently: the admin never learnt.
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
let sequence = 0;

function api(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object, language = 'en') {
  const { app, tokens, auth } = harness();
  return app.inject({
    method,
    url,
    headers: { ...auth(tokens.partnerFull), 'accept-language': language },
    ...(payload ? { payload } : {}),
  });
}

function nextEmail(): string {
  sequence += 1;
  return `patch-${sequence}@patchwarn.example`;
}

const SITE = 'patchwarn.webex.com';

beforeAll(async () => {
  const created = await api('POST', '/v1/customers', {
    name: 'Patch Warnings BV',
    externalId: 'PATCHWARN-1',
    adminEmail: 'it@patchwarn.example',
    country: 'NL',
    packages: [{ id: 'webex_calling' }, { id: 'webex_meetings' }, { id: 'attendant_console' }],
    firstLocation: { name: 'Amsterdam HQ', country: 'NL', timeZone: 'Europe/Amsterdam' },
  });
  expect(created.statusCode, created.body).toBe(202);
  customerId = created.json().id;
  await harness().drainJobs();
  const numbers = await api('POST', `/v1/customers/${customerId}/numbers`, {
    location: 'Amsterdam HQ',
    numbers: Array.from({ length: 10 }, (_, index) => `+3120123450${index}`),
  });
  expect(numbers.statusCode, numbers.body).toBe(201);
});

/** A user to change: created with nothing to warn about. */
async function addUser(fields: Record<string, unknown>): Promise<string> {
  const created = await api('POST', `/v1/customers/${customerId}/users`, {
    email: nextEmail(),
    preferredWebexSite: SITE,
    ...fields,
  });
  expect(created.statusCode, created.body).toBe(201);
  expect(created.json().warnings, created.body).toEqual([]);
  return created.json().id as string;
}

async function patch(userId: string, body: object, language = 'en') {
  const response = await api('PATCH', `/v1/customers/${customerId}/users/${userId}`, body, language);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Record<string, unknown> & { warnings: Warning[] };
}

const CALLING = { package: 'webex_calling', location: 'Amsterdam HQ', extension: '2001' };

describe('PATCH …/users/{userId} answers its warnings', () => {
  it('a Phone Number without its +: phone_plus_restored on phoneNumber, in Dutch', async () => {
    const userId = await addUser({ ...CALLING, extension: '2101' });
    const body = await patch(userId, { phoneNumber: '31201234501' }, 'nl');
    expect(body.phoneNumber).toBe('+31201234501');
    expect(body.warnings).toEqual([
      {
        code: 'phone_plus_restored',
        description: '"31201234501" is gelezen als +31201234501 (de + aan het begin ontbrak).',
        field: 'phoneNumber',
        params: { value: '31201234501', number: '+31201234501' },
      },
    ]);
  });

  it('a Caller ID Number without its +: phone_plus_restored on callerIdNumber', async () => {
    const userId = await addUser({ package: 'webex_meetings' });
    const body = await patch(userId, { callerIdNumber: '31201234599' });
    expect(body.callerIdNumber).toBe('+31201234599');
    expect(body.warnings).toEqual([
      {
        code: 'phone_plus_restored',
        description: '"31201234599" was read as +31201234599 (the leading + was missing).',
        field: 'callerIdNumber',
        params: { value: '31201234599', number: '+31201234599' },
      },
    ]);
  });

  it('a preferred Webex site cleared: preferred_site_missing on preferredWebexSite', async () => {
    const userId = await addUser({ package: 'webex_meetings' });
    const body = await patch(userId, { preferredWebexSite: null });
    expect(body.preferredWebexSite).toBeNull();
    expect(body.warnings.map(({ code, field, params }) => ({ code, field, params }))).toEqual([
      { code: 'preferred_site_missing', field: 'preferredWebexSite', params: { package: 'webex_meetings' } },
    ]);
    expect(body.warnings[0]?.description).toMatch(/site/i);
  });

  it('a package that no longer allows the add-on: add_on_dropped on attendantConsole, as PUT …/package', async () => {
    const viaPatch = await addUser({ ...CALLING, extension: '2102', attendantConsole: true });
    const viaPut = await addUser({ ...CALLING, extension: '2103', attendantConsole: true });
    const patched = await patch(viaPatch, { package: 'webex_meetings' });
    expect(patched.attendantConsole).toBe(false);
    const put = await api('PUT', `/v1/customers/${customerId}/users/${viaPut}/package`, {
      package: 'webex_meetings',
    });
    expect(put.statusCode, put.body).toBe(200);
    const dropped = patched.warnings.find((warning) => warning.code === 'add_on_dropped');
    expect(dropped).toEqual({
      code: 'add_on_dropped',
      description: expect.any(String) as string,
      field: 'attendantConsole',
      params: { addOn: 'attendant_console', package: 'webex_meetings' },
    });
    expect(patched.warnings).toEqual((put.json() as { warnings: Warning[] }).warnings);
  });

  it('a package change with a number without its +: PATCH answers as PUT …/package does, in Dutch', async () => {
    const viaPatch = await addUser({ package: 'webex_meetings' });
    const viaPut = await addUser({ package: 'webex_meetings' });
    const change = (n: string) => ({
      package: 'webex_calling',
      location: 'Amsterdam HQ',
      extension: `240${n}`,
      phoneNumber: `3120123450${n}`,
    });
    const patched = await patch(viaPatch, change('2'), 'nl');
    const put = await api('PUT', `/v1/customers/${customerId}/users/${viaPut}/package`, change('3'), 'nl');
    expect(put.statusCode, put.body).toBe(200);
    const fromPut = (put.json() as { warnings: Warning[] }).warnings;
    expect(fromPut.map((warning) => warning.code)).toEqual(['phone_plus_restored']);
    expect(patched.warnings).toEqual([
      {
        ...fromPut[0],
        description: '"31201234502" is gelezen als +31201234502 (de + aan het begin ontbrak).',
        params: { value: '31201234502', number: '+31201234502' },
      },
    ]);
  });

  it('calling fields on a package without calling: calling_fields_ignored, as create says it', async () => {
    const userId = await addUser({ package: 'webex_meetings' });
    const patched = await patch(userId, { extension: '2104' });
    expect(patched.extension).toBeNull();
    const created = await api('POST', `/v1/customers/${customerId}/users`, {
      email: nextEmail(),
      package: 'webex_meetings',
      preferredWebexSite: SITE,
      extension: '2104',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(patched.warnings.map((warning) => warning.code)).toEqual(['calling_fields_ignored']);
    expect(patched.warnings).toEqual((created.json() as { warnings: Warning[] }).warnings);
  });

  it('a change with nothing to warn about answers an empty list', async () => {
    const userId = await addUser({ package: 'webex_meetings' });
    const body = await patch(userId, { title: 'Lead' });
    expect(body.title).toBe('Lead');
    expect(body.warnings).toEqual([]);
  });
});

describe('the same input warns alike on every admin API write', () => {
  // Each input through create, batch and PATCH (onto a user holding the package already). `n`
  // keeps extensions and numbers apart: each can be held once.
  let next = 0;
  const cases: ReadonlyArray<{
    name: string;
    base: (n: number) => Record<string, unknown>;
    input: (n: number) => Record<string, unknown>;
  }> = [
    {
      name: 'Phone Number without +',
      base: (n) => ({ ...CALLING, extension: `${2300 + n}` }),
      input: (n) => ({ phoneNumber: `3120123450${n}` }),
    },
    {
      name: 'Caller ID Number without +',
      base: () => ({ package: 'webex_meetings' }),
      input: () => ({ callerIdNumber: '31201234598' }),
    },
    {
      name: 'no preferred Webex site',
      base: () => ({ package: 'webex_meetings' }),
      input: () => ({ preferredWebexSite: null }),
    },
  ];

  for (const { name, base, input } of cases) {
    it(`${name}: create, batch and PATCH answer the same warnings, in Dutch`, async () => {
      const [a, b, c] = [next + 5, next + 6, next + 7];
      next += 3;
      const created = await api(
        'POST',
        `/v1/customers/${customerId}/users`,
        { email: nextEmail(), preferredWebexSite: SITE, ...base(a), ...input(a) },
        'nl',
      );
      expect(created.statusCode, created.body).toBe(201);
      const batch = await api(
        'POST',
        `/v1/customers/${customerId}/users/batch`,
        { users: [{ email: nextEmail(), preferredWebexSite: SITE, ...base(b), ...input(b) }] },
        'nl',
      );
      expect(batch.statusCode, batch.body).toBe(200);
      const userId = await addUser(base(c));
      const patched = await patch(userId, input(c), 'nl');

      const fromCreate = (created.json() as { warnings: Warning[] }).warnings;
      const [result] = (batch.json() as { results: { status: number; warnings: Warning[] }[] }).results;
      expect(result?.status, batch.body).toBe(201);
      expect(fromCreate.length, created.body).toBeGreaterThan(0);
      // The same codes, fields and wording; params name the number each request typed.
      const shape = (warnings: readonly Warning[]) =>
        warnings.map(({ code, field, description }) => ({
          code,
          field,
          description: description.replace(/\d+/g, 'N'),
        }));
      expect(shape(result?.warnings ?? [])).toEqual(shape(fromCreate));
      expect(shape(patched.warnings)).toEqual(shape(fromCreate));
    });
  }
});

describe('the OpenAPI document', () => {
  it('documents the warnings of PATCH …/users/{userId}', async () => {
    const { app } = harness();
    const document = (await app.inject({ url: '/openapi.json' })).json();
    const ok = JSON.stringify(
      document.paths['/v1/customers/{customerId}/users/{userId}'].patch.responses['200'],
    );
    expect(ok).toContain('warnings');
    expect(ok).toContain('phone_plus_restored {value, number}');
  });
});
