// SCIM accepts application/scim+json and application/json (SPEC §7, RFC 7644 §3.1); a write in
// any other media type is 415 Unsupported Media Type (RFC 9110 §15.5.16) in the SCIM error schema.
// It answered 400 invalidSyntax, which says the JSON was malformed when no JSON was sent.
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createScimCustomer, ERROR_SCHEMA, PATCH_OP, scimUser } from '../scim/scim-harness.ts';

const harness = useTestApp();
let next = 0;
const userName = () => `media-type-${++next}@example.org`;

describe('SCIM writes by media type', () => {
  it.each([
    'text/plain',
    'application/xml',
    'application/x-www-form-urlencoded',
    'text/csv',
    // Parsed app-wide for the admin API's uploads: no exception under SCIM.
    'multipart/form-data; boundary=x',
  ])('refuses %s on POST, PUT and PATCH with 415 in the error schema', async (type) => {
    const scim = await createScimCustomer(harness());
    const created = await scim.request('POST', '/Users', scimUser(userName()));
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    for (const [method, path] of [
      ['POST', '/Users'],
      ['PUT', `/Users/${id}`],
      ['PATCH', `/Users/${id}`],
      ['POST', '/Bulk'],
    ] as const) {
      const sent = await harness().app.inject({
        method,
        url: `${scim.base}${path}`,
        headers: { authorization: `Bearer ${scim.token}`, 'content-type': type },
        payload: 'hello',
      });
      expect(sent.statusCode, `${method} ${path} ${sent.body}`).toBe(415);
      expect(sent.headers['content-type']).toContain('application/scim+json');
      const body = sent.json<Record<string, unknown>>();
      expect(body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '415' });
      expect(body['scimType']).toBeUndefined();
      expect(String(body['detail'])).toContain('application/scim+json');
    }
  });

  it.each([
    'application/scim+json',
    'application/json',
    'application/scim+json; charset=utf-8',
    'Application/JSON',
  ])('accepts %s', async (type) => {
    const scim = await createScimCustomer(harness());
    const created = await harness().app.inject({
      method: 'POST',
      url: `${scim.base}/Users`,
      headers: { authorization: `Bearer ${scim.token}`, 'content-type': type },
      payload: JSON.stringify(scimUser(userName())),
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    const patched = await harness().app.inject({
      method: 'PATCH',
      url: `${scim.base}/Users/${id}`,
      headers: { authorization: `Bearer ${scim.token}`, 'content-type': type },
      payload: JSON.stringify({
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', path: 'displayName', value: 'Renamed' }],
      }),
    });
    expect(patched.statusCode, patched.body).toBeLessThan(300);
  });
});

it('documents the 415 on every SCIM operation that reads a body', async () => {
  const document = (await harness().app.inject({ method: 'GET', url: '/openapi.json' })).json<{
    paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  }>();
  const scimPaths = Object.entries(document.paths).filter(([path]) => path.startsWith('/scim/v2/'));
  const withBody = scimPaths.flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method]) => ['post', 'put', 'patch'].includes(method) && !path.toLowerCase().includes('/me'))
      .map(([method, operation]) => [`${method} ${path}`, operation.responses] as const),
  );
  expect(withBody.length).toBeGreaterThan(5);
  for (const [key, responses] of withBody) expect(responses['415'], key).toBeDefined();
});
