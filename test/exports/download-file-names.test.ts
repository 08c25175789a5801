// A download's file name holds the customer's external id, which may be any text: the
// Content-Disposition header carries an ASCII-safe `filename` and the real name as
// `filename*=UTF-8''…` (RFC 6266/5987). Written in as it was, a non-Latin-1 id made Node refuse the
// header (500, the customer could never be exported) and a `"` or `;` added a second `filename`.
import { parse } from 'content-disposition';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const harness = useTestApp();

const IDS = [
  ['客户-001', 'users-__-001.csv'],
  ['EV"; filename="evil.html', 'users-EV___filename__evil.html.csv'],
] as const;

describe('download file names', () => {
  const customerIds = new Map<string, string>();

  beforeAll(async () => {
    const { app, auth, tokens } = harness();
    for (const [externalId] of IDS) {
      const created = await app.inject({
        method: 'POST',
        url: '/v1/customers',
        headers: auth(tokens.partnerFull),
        payload: {
          name: `Customer ${externalId}`,
          externalId,
          adminEmail: `beheer${customerIds.size}@names.example`,
          country: 'NL',
          packages: [{ id: 'webex_calling' }],
        },
      });
      expect(created.statusCode, created.body).toBeLessThan(300);
      customerIds.set(externalId, created.json().id);
    }
  });

  it.each(IDS)(
    'exports the users of customer %j with a safe fallback and the UTF-8 name',
    async (externalId, fallback) => {
      const { app, auth, tokens } = harness();
      const response = await app.inject({
        url: `/v1/customers/${customerIds.get(externalId)}/users/export.csv`,
        headers: auth(tokens.partnerFull),
      });
      expect(response.statusCode, response.body).toBe(200);
      const header = String(response.headers['content-disposition']);
      expect(header).toMatch(
        /^attachment; filename="?[A-Za-z0-9._-]+"?; filename\*=UTF-8''[A-Za-z0-9._%-]+$/,
      );
      expect(header.match(/filename=/g)).toHaveLength(1);
      const parsed = parse(header);
      expect(parsed.type).toBe('attachment');
      expect(parsed.parameters.filename).toBe(`users-${externalId}.csv`);
      expect(header).toContain(`filename=${fallback};`);
    },
  );

  it('names the template download with the same helper', async () => {
    const { app, auth, tokens } = harness();
    const customerId = customerIds.get(IDS[0][0]);
    const template = await app.inject({
      url: `/v1/customers/${customerId}/users/template.csv`,
      headers: auth(tokens.partnerFull),
    });
    expect(template.statusCode, template.body).toBe(200);
    expect(parse(String(template.headers['content-disposition'])).parameters.filename).toBe(
      'users-template.csv',
    );
  });
});
