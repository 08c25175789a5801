// The served document states each shared admin response header once, under components.headers,
// and every answer refers to it: 560 answers repeating trackingId's description (and 74 the four
// of a 429) made the document some 70 KB larger. Also: what an import row issue's `column` is.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const harness = useTestApp();

type Header = { $ref?: string; description?: string; schema?: Record<string, unknown> };
type Answer = { headers?: Record<string, Header>; content?: Record<string, { schema?: unknown }> };
type OpenApi = {
  paths: Record<string, Record<string, { responses?: Record<string, Answer> }>>;
  components: { headers?: Record<string, Header> };
};

let document: OpenApi;

beforeAll(async () => {
  const response = await harness().app.inject({ url: '/openapi.json' });
  expect(response.statusCode).toBe(200);
  document = response.json<OpenApi>();
});

function answers(): { where: string; path: string; answer: Answer }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).flatMap(([method, operation]) =>
      Object.entries(operation.responses ?? {}).map(([status, answer]) => ({
        where: `${method} ${path} ${status}`,
        path,
        answer,
      })),
    ),
  );
}

const ADMIN = /^\/v1\/(?!wholesale\/|subscribers\/)/;

describe('the shared response headers', () => {
  it('are stated once under components.headers', () => {
    expect(document.components.headers).toMatchObject({
      TrackingId: { schema: { type: 'string' }, description: expect.stringContaining('tracking id') },
      RetryAfter: { schema: { type: 'integer' } },
      XRateLimitLimit: { schema: { type: 'integer' } },
      XRateLimitRemaining: { schema: { type: 'integer' } },
      XRateLimitReset: { schema: { type: 'integer' } },
      NextPageLink: { schema: { type: 'string' }, description: expect.stringContaining('rel="next"') },
    });
  });

  it('are referred to by every admin answer, never repeated inline', () => {
    const admin = answers().filter(({ path }) => ADMIN.test(path));
    expect(admin.length).toBeGreaterThan(400);
    const inline = admin
      .filter(({ answer }) => answer.headers?.trackingId?.$ref !== '#/components/headers/TrackingId')
      .map(({ where }) => where);
    expect(inline).toEqual([]);
    const rateLimited = admin.filter(({ where }) => where.endsWith(' 429'));
    expect(rateLimited.length).toBeGreaterThan(50);
    for (const { where, answer } of rateLimited)
      expect(answer.headers, where).toMatchObject({
        'Retry-After': { $ref: '#/components/headers/RetryAfter' },
        'X-RateLimit-Limit': { $ref: '#/components/headers/XRateLimitLimit' },
        'X-RateLimit-Remaining': { $ref: '#/components/headers/XRateLimitRemaining' },
        'X-RateLimit-Reset': { $ref: '#/components/headers/XRateLimitReset' },
      });
    expect(document.paths['/v1/customers']?.get?.responses?.['200']?.headers?.Link?.$ref).toBe(
      '#/components/headers/NextPageLink',
    );
  });

  it('leaves no header inline that is a copy of a shared one', () => {
    const shared = new Set(Object.values(document.components.headers ?? {}).map((h) => JSON.stringify(h)));
    const copies = answers().flatMap(({ where, answer }) =>
      Object.entries(answer.headers ?? {})
        .filter(([, header]) => header.$ref === undefined && shared.has(JSON.stringify(header)))
        .map(([name]) => `${where} ${name}`),
    );
    expect(copies).toEqual([]);
  });
});

describe('the import rows', () => {
  it("say an issue's column is the CSV column's key, not the user API's property name", () => {
    const schema = document.paths['/v1/customers/{customerId}/imports/{importId}/rows']?.get?.responses?.[
      '200'
    ]?.content?.['application/json']?.schema as {
      properties: {
        items: { items: { properties: { issues: { items: { properties: Record<string, Header> } } } } };
      };
    };
    const column = schema.properties.items.items.properties.issues.items.properties.column;
    expect(column?.description).toContain("The CSV column the issue is about, by the column's key");
    expect(column?.description).toContain("the row's `changes[].field`");
    expect(column?.description).toContain("not the user API's property names");
  });
});
