// A claim that gives the claimed users a package answers the planner's warnings for each of them,
// as create, the 25-user batch, PATCH and PUT …/package do: the same rules (one planner), the same
// shape (the request property in `field`, the values in `params`), in the request's language.
// Before, POST …/claims and POST …/claims/csv dropped them: a claimed Meetings user without a
// preferred Webex site (the customer has no default one) was claimed silently, and the admin
// never learnt that meetings may not work until a site is set.
import { beforeAll, describe, expect, it } from 'vitest';
import { insertCustomerDomain, markDomainChecked } from '../../src/db/repositories/customer-domains.ts';
import { insertFreeAccount } from '../../src/db/repositories/free-accounts.ts';
import { useTestApp } from '../helpers/app.ts';

interface Warning {
  code: string;
  description: string;
  field?: string;
  params?: Record<string, string | number>;
}

interface ClaimAnswer {
  counts: { claimed: number; failed: number };
  results: { email: string; result: string; userId?: string; errors: unknown[]; warnings: Warning[] }[];
}

const harness = useTestApp();
const DOMAIN = 'claimwarn.example';
let customerId = '';
let sequence = 0;

function api(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, language = 'en') {
  const { app, tokens, auth } = harness();
  return app.inject({
    method,
    url,
    headers: { ...auth(tokens.partnerFull), 'accept-language': language },
    ...(payload ? { payload } : {}),
  });
}

/** A free account of the customer's verified domain, ready to be claimed. */
async function freeAccount(domain = DOMAIN): Promise<string> {
  sequence += 1;
  const email = `free-${sequence}@${domain}`;
  await insertFreeAccount(harness().database.db, {
    email,
    firstName: 'Free',
    lastName: `Person ${sequence}`,
    source: 'operator',
    active: true,
  });
  return email;
}

async function customerWithVerifiedDomain(externalId: string, domain: string): Promise<string> {
  const created = await api('POST', '/v1/customers', {
    name: `${externalId} BV`,
    externalId,
    adminEmail: `it@${domain}`,
    country: 'NL',
    packages: [{ id: 'webex_meetings' }, { id: 'webex_calling' }],
    firstLocation: { name: 'Amsterdam HQ', country: 'NL', timeZone: 'Europe/Amsterdam' },
  });
  expect(created.statusCode, created.body).toBe(202);
  const id = created.json<{ id: string }>().id;
  await harness().drainJobs();
  const { db } = harness().database;
  const row = await insertCustomerDomain(db, id, domain, `token-${externalId}-0123456789`);
  await markDomainChecked(db, id, row.id, true);
  return id;
}

beforeAll(async () => {
  customerId = await customerWithVerifiedDomain('CLAIMWARN-1', DOMAIN);
});

async function claimByEmail(email: string, language: string, packageId = 'webex_meetings') {
  const response = await api(
    'POST',
    `/v1/customers/${customerId}/claims`,
    { emails: [email], package: packageId },
    language,
  );
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ClaimAnswer>();
}

async function claimByCsv(email: string, language: string, packageId = 'webex_meetings') {
  const { app, tokens, auth } = harness();
  const response = await app.inject({
    method: 'POST',
    url: `/v1/customers/${customerId}/claims/csv?package=${packageId}`,
    headers: { ...auth(tokens.partnerFull), 'content-type': 'text/csv', 'accept-language': language },
    payload: `User ID/Email (Required)\n${email}\n`,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ClaimAnswer>();
}

/** The warnings the admin API's batch add answers for a user like the claimed one. */
async function batchWarnings(language: string, packageId = 'webex_meetings'): Promise<Warning[]> {
  sequence += 1;
  const response = await api(
    'POST',
    `/v1/customers/${customerId}/users/batch`,
    {
      users: [
        { email: `added-${sequence}@${DOMAIN}`, firstName: 'Free', lastName: 'Person', package: packageId },
      ],
    },
    language,
  );
  expect(response.statusCode, response.body).toBe(200);
  const [result] = response.json<{ results: { status: number; warnings: Warning[] }[] }>().results;
  expect(result?.status, response.body).toBe(201);
  return result?.warnings ?? [];
}

const CHANNELS = [
  { channel: 'POST …/claims', claim: claimByEmail },
  { channel: 'POST …/claims/csv', claim: claimByCsv },
] as const;

const SITE_MISSING = {
  en: 'No Preferred Webex Site for Webex Meetings: meetings may not work as expected until one is set.',
  nl: 'Geen voorkeurssite voor Webex bij Webex Meetings: vergaderingen werken mogelijk pas goed als die is ingesteld.',
} as const;

describe('a claim answers the warnings of each claimed user', () => {
  for (const { channel, claim } of CHANNELS) {
    for (const language of ['en', 'nl'] as const) {
      it(`${channel} (${language}): preferred_site_missing on preferredWebexSite, as the batch add answers it`, async () => {
        const email = await freeAccount();
        const body = await claim(email, language);
        expect(body.counts).toEqual({ claimed: 1, failed: 0 });
        const [result] = body.results;
        expect(result).toMatchObject({ email, result: 'claimed', errors: [] });
        expect(result?.warnings).toEqual([
          {
            code: 'preferred_site_missing',
            description: SITE_MISSING[language],
            field: 'preferredWebexSite',
            params: { package: 'webex_meetings' },
          },
        ]);
        expect(result?.warnings).toEqual(await batchWarnings(language));
      });
    }
  }

  it("a claim without a package gets the customer's package template, and its warnings, in Dutch", async () => {
    const settings = await api('PATCH', `/v1/customers/${customerId}/settings`, {
      defaultPackage: 'webex_meetings',
    });
    expect(settings.statusCode, settings.body).toBe(200);
    try {
      const email = await freeAccount();
      const response = await api('POST', `/v1/customers/${customerId}/claims`, { emails: [email] }, 'nl');
      expect(response.statusCode, response.body).toBe(200);
      const [result] = response.json<ClaimAnswer>().results;
      expect(result).toMatchObject({ email, result: 'claimed' });
      expect(result?.warnings).toEqual(await batchWarnings('nl'));
      expect(result?.warnings.map((warning) => warning.description)).toEqual([SITE_MISSING.nl]);
    } finally {
      const reset = await api('PATCH', `/v1/customers/${customerId}/settings`, { defaultPackage: null });
      expect(reset.statusCode, reset.body).toBe(200);
    }
  });

  it('a claim that failed answers its errors and no warnings', async () => {
    const body = await claimByEmail(`nobody@${DOMAIN}`, 'en');
    expect(body.results).toEqual([expect.objectContaining({ result: 'failed', warnings: [] }) as unknown]);
    expect(body.results[0]?.errors.length).toBeGreaterThan(0);
  });
});

describe('a claim with nothing to warn about answers an empty list', () => {
  it('a claim without a package (the customer has no package template): nothing is planned', async () => {
    const email = await freeAccount();
    const response = await api('POST', `/v1/customers/${customerId}/claims`, { emails: [email] });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<ClaimAnswer>().results).toEqual([
      expect.objectContaining({ email, result: 'claimed', warnings: [] }) as unknown,
    ]);
  });

  it("the customer's default preferred Webex site fills the claimed user's", async () => {
    const settings = await api('PATCH', `/v1/customers/${customerId}/settings`, {
      defaultPreferredWebexSite: 'claimwarn.webex.com',
    });
    expect(settings.statusCode, settings.body).toBe(200);
    try {
      for (const { claim } of CHANNELS) {
        const email = await freeAccount();
        const body = await claim(email, 'nl');
        expect(body.results).toEqual([
          expect.objectContaining({ email, result: 'claimed', warnings: [] }) as unknown,
        ]);
      }
    } finally {
      const reset = await api('PATCH', `/v1/customers/${customerId}/settings`, {
        defaultPreferredWebexSite: null,
      });
      expect(reset.statusCode, reset.body).toBe(200);
    }
  });
});

describe('the OpenAPI document', () => {
  it.each(['/v1/customers/{customerId}/claims', '/v1/customers/{customerId}/claims/csv'])(
    'documents the warnings of POST %s',
    async (path) => {
      const { app } = harness();
      const document = (await app.inject({ url: '/openapi.json' })).json();
      const ok = JSON.stringify(document.paths[path].post.responses['200']);
      expect(ok).toContain('warnings');
      expect(ok).toContain('preferred_site_missing');
      expect(ok).toContain('phone_plus_restored {value, number}');
    },
  );
});
