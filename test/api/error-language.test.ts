// Error details follow Accept-Language (SPEC §7): a Dutch admin reads Dutch descriptions, with the
// same codes and fields; English requests are unchanged; the Wholesale API keeps its English texts.
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleRequests } from '../contract/wholesale-contract.ts';
import { useTestApp } from '../helpers/app.ts';

interface Detail {
  description: string;
  code: string;
  field?: string;
}

const harness = useTestApp();

const customer = {
  name: 'Bakkerij De Vries',
  externalId: 'LANG-001',
  adminEmail: 'beheer@devries.example',
  country: 'NL',
  packages: [{ id: 'webex_calling' }],
};

async function send(
  method: 'POST' | 'PUT',
  url: string,
  payload: object,
  language?: string,
): Promise<{ status: number; errors: Detail[]; body: Record<string, unknown> }> {
  const { app, tokens, auth } = harness();
  const response = await app.inject({
    method,
    url,
    headers: { ...auth(tokens.partnerFull), ...(language ? { 'accept-language': language } : {}) },
    payload,
  });
  const body = response.json() as Record<string, unknown>;
  return { status: response.statusCode, errors: (body['errors'] ?? []) as Detail[], body };
}

describe('error details in the language of the request', () => {
  let customerId = '';

  beforeAll(async () => {
    const created = await send('POST', '/v1/customers', customer);
    expect(created.status).toBe(202);
    customerId = String(created.body['id']);
    await harness().drainJobs();
  });

  const cases: readonly {
    name: string;
    request: () => [url: string, payload: object];
    status: number;
    detail: { code: string; field: string };
    en: string;
    nl: string;
  }[] = [
    {
      name: 'a customer name with %',
      request: () => ['/v1/customers', { ...customer, externalId: 'LANG-002', name: 'A%B' }],
      status: 400,
      detail: { code: 'invalid_name', field: 'name' },
      en: 'Name may not contain "%".',
      nl: 'De naam mag geen "%" bevatten.',
    },
    {
      name: 'a duplicate externalId',
      request: () => ['/v1/customers', { ...customer, name: 'Tweede' }],
      status: 409,
      detail: { code: 'external_id_taken', field: 'externalId' },
      en: 'externalId is already used by another customer of this partner.',
      nl: 'Deze externe ID wordt al gebruikt door een andere klant van deze partner.',
    },
    {
      name: 'a body validation error (name too short)',
      request: () => ['/v1/customers', { ...customer, externalId: 'LANG-003', name: '' }],
      status: 400,
      detail: { code: 'invalid_field', field: 'name' },
      en: 'name may not be empty.',
      nl: 'name mag niet leeg zijn.',
    },
    {
      name: 'an unknown time zone on a location',
      request: () => [
        `/v1/customers/${customerId}/locations`,
        { name: 'Kantoor', country: 'NL', timeZone: 'Amsterdam' },
      ],
      status: 400,
      detail: { code: 'invalid_time_zone', field: 'timeZone' },
      en: '"Amsterdam" is not a time zone such as Europe/Amsterdam.',
      nl: '"Amsterdam" is geen tijdzone zoals Europe/Amsterdam.',
    },
  ];

  it.each(cases)('$name: Dutch for nl, English otherwise', async ({ request, status, detail, en, nl }) => {
    const [url, payload] = request();
    for (const [language, description] of [
      ['nl', nl],
      ['nl-NL,nl;q=0.9,en;q=0.5', nl],
      ['en', en],
      [undefined, en],
    ] as const) {
      const answer = await send('POST', url, payload, language);
      expect(answer.status, `${language}`).toBe(status);
      expect(answer.errors, `${language}`).toContainEqual({ ...detail, description });
    }
  });

  it('keeps the Wholesale API texts English under Accept-Language: nl', async () => {
    const [example] = exampleRequests('post', '/v1/wholesale/customers');
    const invalid = [
      // our own detail (name with %), and a request validation error (a field of the wrong type)
      { ...example, externalId: 'LANG-W1', customerInfo: { name: 'A%B', primaryEmail: 'w@w.example' } },
      { ...example, externalId: 12 },
    ];
    for (const payload of invalid) {
      const english = await send('POST', '/v1/wholesale/customers', payload, 'en');
      const dutch = await send('POST', '/v1/wholesale/customers', payload, 'nl');
      expect(english.status).toBe(400);
      expect(dutch.status).toBe(400);
      expect(dutch.errors).toEqual(english.errors);
      expect(dutch.errors.length).toBeGreaterThan(0);
    }
  });
});
