// `package_required` as each channel words it: a manual add (POST …/users, the batch) names the
// request's `package`, a SCIM create names the product extension's attribute; neither speaks of a
// "package column" to set TRUE in, which only a CSV row has (SPEC §6 texts unchanged).
import { describe, expect, it } from 'vitest';
import { issueText } from '../../src/domain/messages/row-messages.ts';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';
import { createScimCustomer, PRODUCT, scimUser } from './scim-harness.ts';

const testApp = useTestApp();

const API_EN = 'A new user needs a package: set `package`, or give the customer a default package template.';
const API_NL =
  'Een nieuwe gebruiker heeft een pakket nodig: geef `package` op, of geef de klant een standaardpakketsjabloon.';
const CSV_EN =
  'A new user needs a package (TRUE in one package column), and the customer has no default package template.';

describe('package_required wording per channel', () => {
  it('SCIM create without a package names the extension attribute', async () => {
    const scim = await createScimCustomer(testApp(), null);
    const refused = await scim.request('POST', '/Users', scimUser('nopkg@words.example'));
    expect(refused.statusCode, refused.body).toBe(400);
    const body = refused.json() as { scimType: string; detail: string };
    expect(body.scimType).toBe('invalidValue');
    expect(body.detail).toContain(`A new user needs a package: set "package" in the extension ${PRODUCT}`);
    expect(body.detail).not.toContain('package column');
  });

  it('the admin API (one user and the batch) names `package`, in English and Dutch', async () => {
    const harness = testApp();
    const customer = await createTestCustomer(harness.database.db, harness.partnerId, { provision: true });
    const auth = harness.auth(harness.tokens.partnerFull);
    const user = { email: 'nopkg@api.example', firstName: 'No', lastName: 'Package' };
    for (const [language, text] of [
      ['en', API_EN],
      ['nl', API_NL],
    ] as const) {
      const headers = { ...auth, 'accept-language': language };
      const single = await harness.app.inject({
        method: 'POST',
        url: `/v1/customers/${customer.id}/users`,
        headers,
        payload: user,
      });
      expect(single.statusCode, single.body).toBe(400);
      expect(single.json()).toMatchObject({ errors: [{ code: 'package_required', description: text }] });
      const batch = await harness.app.inject({
        method: 'POST',
        url: `/v1/customers/${customer.id}/users/batch`,
        headers,
        payload: { users: [user] },
      });
      expect(batch.statusCode, batch.body).toBe(200);
      expect(batch.json()).toMatchObject({
        results: [{ result: 'failed', errors: [{ code: 'package_required', description: text }] }],
      });
    }
  });

  it.each([
    ['csv', 'en', CSV_EN],
    [
      'csv',
      'nl',
      'Een nieuwe gebruiker heeft een pakket nodig (WAAR in één pakketkolom) en de klant heeft geen standaardpakketsjabloon.',
    ],
    ['api', 'en', API_EN],
    ['api', 'nl', API_NL],
    [
      'scim',
      'en',
      `A new user needs a package: set "package" in the extension ${PRODUCT}, or give the customer a default package template.`,
    ],
    [
      'scim',
      'nl',
      `Een nieuwe gebruiker heeft een pakket nodig: geef "package" op in de extensie ${PRODUCT}, of geef de klant een standaardpakketsjabloon.`,
    ],
  ] as const)('%s, %s', (channel, locale, text) => {
    expect(issueText({ code: 'package_required' }, locale, channel)).toBe(text);
  });

  it('other issues read the same in every channel', () => {
    const issue = { code: 'unknown_location', params: { name: 'HQ' } } as const;
    expect(issueText(issue, 'en', 'api')).toBe(issueText(issue, 'en'));
    expect(issueText(issue, 'nl', 'scim')).toBe(issueText(issue, 'nl'));
  });
});
