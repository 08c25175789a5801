// Optimistic concurrency of the admin API's edits (ADR 0092): GET answers a weak ETag of the stored
// record's version; PATCH (and PUT …/package) with an If-Match that is no longer current answers
// 412 `precondition_failed` and changes nothing; without If-Match the write goes through as before.
// Every other writer (imports, SCIM, settings) moves the version, so its change makes an ETag stale.
import { describe, expect, it } from 'vitest';
import { headerNames, useConditionalRequests } from '../helpers/conditional-requests.ts';
import { createScimCustomer, PATCH_OP, scimUser } from '../scim/scim-harness.ts';

const { harness, customerId, otherPartnerToken, api, etagOf, auditCount, openApiOperation } =
  useConditionalRequests('Precondition Bakery');

async function createUser(email: string): Promise<string> {
  const response = await api('POST', `/v1/customers/${customerId()}/users`, {
    payload: { email, firstName: 'Anna', lastName: 'de Vries', package: 'webex_meetings' },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

describe('customers: ETag and If-Match', () => {
  it('GET answers a weak ETag that stays put while nothing changes', async () => {
    const first = await api('GET', `/v1/customers/${customerId()}`);
    expect(first.statusCode).toBe(200);
    expect(etagOf(first)).toMatch(/^W\/"\d+"$/);
    const second = await api('GET', `/v1/customers/${customerId()}`);
    expect(etagOf(second)).toBe(etagOf(first));
  });

  it('If-None-Match with the current ETag answers 304 without a body', async () => {
    const etag = etagOf(await api('GET', `/v1/customers/${customerId()}`));
    const cached = await api('GET', `/v1/customers/${customerId()}`, { headers: { 'if-none-match': etag } });
    expect(cached.statusCode).toBe(304);
    expect(cached.body).toBe('');
    expect(cached.headers.etag).toBe(etag);
  });

  it('PATCH with a stale If-Match answers 412 in the admin error shape, changes and audits nothing', async () => {
    const stale = etagOf(await api('GET', `/v1/customers/${customerId()}`));
    const first = await api('PATCH', `/v1/customers/${customerId()}`, {
      payload: { name: 'Precondition Bakery 2' },
    });
    expect(first.statusCode, first.body).toBe(200);
    const audits = await auditCount(customerId(), 'customer.update');

    const refused = await api('PATCH', `/v1/customers/${customerId()}`, {
      payload: { name: 'Overwritten' },
      headers: { 'if-match': stale },
    });
    expect(refused.statusCode, refused.body).toBe(412);
    const body = refused.json<{ message: string; errors: { code: string }[]; trackingId: string }>();
    expect(body.errors.map((error) => error.code)).toEqual(['precondition_failed']);
    expect(body.message).toMatch(/changed/i);
    expect(body.trackingId).toBe(refused.headers.trackingid);

    const after = await api('GET', `/v1/customers/${customerId()}`);
    expect(after.json<{ name: string }>().name).toBe('Precondition Bakery 2');
    expect(await auditCount(customerId(), 'customer.update')).toBe(audits);
  });

  it('the 412 speaks Dutch to Accept-Language: nl', async () => {
    const refused = await api('PATCH', `/v1/customers/${customerId()}`, {
      payload: { name: 'Overwritten' },
      headers: { 'if-match': 'W/"999999"', 'accept-language': 'nl' },
    });
    expect(refused.statusCode).toBe(412);
    const body = refused.json<{ message: string; errors: { description: string }[] }>();
    expect(body.message).toMatch(/gewijzigd/);
    expect(body.errors[0]?.description).toMatch(/opnieuw/);
  });

  it('PATCH with the current If-Match answers 200 and the new ETag, which the next GET answers', async () => {
    const current = etagOf(await api('GET', `/v1/customers/${customerId()}`));
    const saved = await api('PATCH', `/v1/customers/${customerId()}`, {
      payload: { name: 'Precondition Bakery 3' },
      headers: { 'if-match': current },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const next = etagOf(saved);
    expect(next).not.toBe(current);
    expect(etagOf(await api('GET', `/v1/customers/${customerId()}`))).toBe(next);
  });

  it('If-Match in the strong form, a list or * is compared by version too', async () => {
    const current = etagOf(await api('GET', `/v1/customers/${customerId()}`));
    const strong = current.replace(/^W\//, '');
    const listed = await api('PATCH', `/v1/customers/${customerId()}`, {
      payload: { name: 'Precondition Bakery 4' },
      headers: { 'if-match': `W/"0", ${strong}` },
    });
    expect(listed.statusCode, listed.body).toBe(200);
    const any = await api('PATCH', `/v1/customers/${customerId()}`, {
      payload: { name: 'Precondition Bakery 5' },
      headers: { 'if-match': '*' },
    });
    expect(any.statusCode, any.body).toBe(200);
  });

  it('PATCH without If-Match keeps last-write-wins (scripts, the CLI)', async () => {
    const saved = await api('PATCH', `/v1/customers/${customerId()}`, {
      payload: { name: 'Precondition Bakery' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(etagOf(saved)).toMatch(/^W\/"\d+"$/);
  });

  it('a settings change in between makes the ETag stale', async () => {
    const before = etagOf(await api('GET', `/v1/customers/${customerId()}`));
    const settings = await api('PATCH', `/v1/customers/${customerId()}/settings`, {
      payload: { extensionLength: 5 },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const refused = await api('PATCH', `/v1/customers/${customerId()}`, {
      payload: { name: 'Too late' },
      headers: { 'if-match': before },
    });
    expect(refused.statusCode).toBe(412);
  });

  it("another partner's customer is 404 with or without If-Match, never 412", async () => {
    const otherToken = otherPartnerToken();
    const etag = etagOf(await api('GET', `/v1/customers/${customerId()}`));
    const get = await api('GET', `/v1/customers/${customerId()}`, { token: otherToken });
    expect(get.statusCode).toBe(404);
    for (const ifMatch of [etag, 'W/"999999"']) {
      const patch = await api('PATCH', `/v1/customers/${customerId()}`, {
        token: otherToken,
        payload: { name: 'Hijacked' },
        headers: { 'if-match': ifMatch },
      });
      expect(patch.statusCode).toBe(404);
    }
  });
});

describe('users: ETag and If-Match', () => {
  it('GET answers a weak ETag; If-None-Match answers 304', async () => {
    const userId = await createUser('etag-get@precondition.example');
    const got = await api('GET', `/v1/customers/${customerId()}/users/${userId}`);
    expect(got.statusCode).toBe(200);
    const etag = etagOf(got);
    expect(etag).toMatch(/^W\/"\d+"$/);
    const cached = await api('GET', `/v1/customers/${customerId()}/users/${userId}`, {
      headers: { 'if-none-match': etag },
    });
    expect(cached.statusCode).toBe(304);
  });

  it('PATCH with a stale If-Match: 412, the user unchanged, no audit entry', async () => {
    const userId = await createUser('etag-stale@precondition.example');
    const stale = etagOf(await api('GET', `/v1/customers/${customerId()}/users/${userId}`));
    const first = await api('PATCH', `/v1/customers/${customerId()}/users/${userId}`, {
      payload: { firstName: 'Bram' },
    });
    expect(first.statusCode, first.body).toBe(200);
    const audits = await auditCount(userId, 'user.update');

    const refused = await api('PATCH', `/v1/customers/${customerId()}/users/${userId}`, {
      payload: { firstName: 'Overwritten' },
      headers: { 'if-match': stale },
    });
    expect(refused.statusCode, refused.body).toBe(412);
    expect(refused.json<{ errors: { code: string }[] }>().errors[0]?.code).toBe('precondition_failed');
    const after = await api('GET', `/v1/customers/${customerId()}/users/${userId}`);
    expect(after.json<{ firstName: string }>().firstName).toBe('Bram');
    expect(await auditCount(userId, 'user.update')).toBe(audits);
  });

  it('PATCH with the current If-Match: 200 and the new ETag; without If-Match: 200', async () => {
    const userId = await createUser('etag-current@precondition.example');
    const current = etagOf(await api('GET', `/v1/customers/${customerId()}/users/${userId}`));
    const saved = await api('PATCH', `/v1/customers/${customerId()}/users/${userId}`, {
      payload: { firstName: 'Cor' },
      headers: { 'if-match': current },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const next = etagOf(saved);
    expect(next).not.toBe(current);
    expect(etagOf(await api('GET', `/v1/customers/${customerId()}/users/${userId}`))).toBe(next);

    const blind = await api('PATCH', `/v1/customers/${customerId()}/users/${userId}`, {
      payload: { firstName: 'Dirk' },
    });
    expect(blind.statusCode, blind.body).toBe(200);
    expect(etagOf(blind)).not.toBe(next);
  });

  it('PUT …/package honours If-Match the same way', async () => {
    const userId = await createUser('etag-package@precondition.example');
    const current = etagOf(await api('GET', `/v1/customers/${customerId()}/users/${userId}`));
    await api('PATCH', `/v1/customers/${customerId()}/users/${userId}`, { payload: { firstName: 'Eva' } });
    const refused = await api('PUT', `/v1/customers/${customerId()}/users/${userId}/package`, {
      payload: { package: 'webex_voice' },
      headers: { 'if-match': current },
    });
    expect(refused.statusCode, refused.body).toBe(412);
    const unchanged = await api('GET', `/v1/customers/${customerId()}/users/${userId}`);
    expect(unchanged.json<{ package: string }>().package).toBe('webex_meetings');
    expect(await auditCount(userId, 'user.package_change')).toBe(0);

    const fresh = etagOf(unchanged);
    const changed = await api('PUT', `/v1/customers/${customerId()}/users/${userId}/package`, {
      payload: { package: 'webex_voice' },
      headers: { 'if-match': fresh },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(etagOf(changed)).toBe(etagOf(await api('GET', `/v1/customers/${customerId()}/users/${userId}`)));
    expect(etagOf(changed)).not.toBe(fresh);
  });

  it('a CSV import that modifies the user in between makes the ETag stale', async () => {
    const email = 'etag-import@precondition.example';
    const userId = await createUser(email);
    const stale = etagOf(await api('GET', `/v1/customers/${customerId()}/users/${userId}`));
    const csv = `First Name,Last Name,User ID/Email (Required),Webex Meetings\nImported,Name,${email},TRUE\n`;
    const { app, auth, tokens, drainJobs } = harness();
    const upload = await app.inject({
      method: 'POST',
      url: `/v1/customers/${customerId()}/imports?behaviour=add-only`,
      headers: { ...auth(tokens.partnerFull), 'content-type': 'text/csv' },
      payload: Buffer.from(csv),
    });
    expect(upload.statusCode, upload.body).toBe(202);
    await drainJobs();
    const imported = await api('GET', `/v1/customers/${customerId()}/users/${userId}`);
    expect(imported.json<{ firstName: string }>().firstName).toBe('Imported');

    const refused = await api('PATCH', `/v1/customers/${customerId()}/users/${userId}`, {
      payload: { firstName: 'Overwritten' },
      headers: { 'if-match': stale },
    });
    expect(refused.statusCode, refused.body).toBe(412);
  });

  it('two saves at once from the same version: one wins, the other gets 412 (check and write are atomic)', async () => {
    const userId = await createUser('etag-race@precondition.example');
    const url = `/v1/customers/${customerId()}/users/${userId}`;
    const etag = etagOf(await api('GET', url));
    const answers = await Promise.all(
      ['Ilse', 'Joost'].map((firstName) =>
        api('PATCH', url, { payload: { firstName }, headers: { 'if-match': etag } }),
      ),
    );
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 412]);
    const winner = answers.find((answer) => answer.statusCode === 200);
    const stored = await api('GET', url);
    expect(stored.json<{ firstName: string }>().firstName).toBe(
      winner?.json<{ firstName: string }>().firstName,
    );
    expect(await auditCount(userId, 'user.update')).toBe(1);
  });

  it('a Wholesale API subscriber update in between makes the ETag stale', async () => {
    const userId = await createUser('etag-wholesale@precondition.example');
    const url = `/v1/customers/${customerId()}/users/${userId}`;
    const stale = etagOf(await api('GET', url));
    const updated = await api('PUT', `/v1/wholesale/subscribers/${userId}`, {
      payload: { packages: ['webex_voice'] },
    });
    expect(updated.statusCode, updated.body).toBeLessThan(300);
    const refused = await api('PATCH', url, {
      payload: { firstName: 'Overwritten' },
      headers: { 'if-match': stale },
    });
    expect(refused.statusCode, refused.body).toBe(412);
  });

  it('a SCIM change in between makes the ETag stale', async () => {
    const scim = await createScimCustomer(harness());
    const created = await scim.request('POST', '/Users', scimUser('etag-scim@precondition.example'));
    expect(created.statusCode, created.body).toBe(201);
    const userId = created.json<{ id: string }>().id;
    const url = `/v1/customers/${scim.customerId}/users/${userId}`;
    const stale = etagOf(await api('GET', url));
    const patched = await scim.request('PATCH', `/Users/${userId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: 'title', value: 'Baker' }],
    });
    expect(patched.statusCode, patched.body).toBeLessThan(300);
    const refused = await api('PATCH', url, {
      payload: { preferredWebexSite: 'bakery.webex.com' },
      headers: { 'if-match': stale },
    });
    expect(refused.statusCode, refused.body).toBe(412);
    const fresh = etagOf(await api('GET', url));
    const saved = await api('PATCH', url, {
      payload: { preferredWebexSite: 'bakery.webex.com' },
      headers: { 'if-match': fresh },
    });
    expect(saved.statusCode, saved.body).toBe(200);
  });

  it("another partner's user is 404 with If-Match, never 412", async () => {
    const userId = await createUser('etag-tenant@precondition.example');
    const otherToken = otherPartnerToken();
    for (const [method, suffix, payload] of [
      ['PATCH', '', { firstName: 'Hijacked' }],
      ['PUT', '/package', { package: 'webex_voice' }],
    ] as const) {
      const response = await api(method, `/v1/customers/${customerId()}/users/${userId}${suffix}`, {
        token: otherToken,
        payload,
        headers: { 'if-match': 'W/"999999"' },
      });
      expect(response.statusCode).toBe(404);
    }
  });
});

describe('the OpenAPI document', () => {
  it.each([
    ['/v1/customers/{customerId}', 'patch'],
    ['/v1/customers/{customerId}/users/{userId}', 'patch'],
    ['/v1/customers/{customerId}/users/{userId}/package', 'put'],
  ])('%s %s: If-Match, the 412 and the ETag of the 200', async (path, method) => {
    const op = await openApiOperation(path, method);
    expect(headerNames(op)).toContain('if-match');
    expect((op.responses['412'] as { description?: string } | undefined)?.description).toMatch(
      /precondition_failed/,
    );
    expect(Object.keys(op.responses['200']?.headers ?? {})).toContain('ETag');
  });

  it.each([['/v1/customers/{customerId}'], ['/v1/customers/{customerId}/users/{userId}']])(
    'GET %s: the ETag of the 200, If-None-Match and the 304',
    async (path) => {
      const op = await openApiOperation(path, 'get');
      expect(Object.keys(op.responses['200']?.headers ?? {})).toContain('ETag');
      expect(headerNames(op)).toContain('if-none-match');
      expect(op.responses['304']).toBeDefined();
      expect(op.responses['304']?.content).toBeUndefined();
    },
  );
});
