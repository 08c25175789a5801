// The file uploads (a user CSV import, a claims CSV) answer 413 past the size limit (SPEC §7: "an
// upload over the limit 413"), and the served OpenAPI document says so with the error body. The
// claims CSV's limit is its CSV parser's, which the document's rules (src/http/openapi-rules.ts)
// cannot see, so its route lists the 413 itself: this checks the document, then that the answer
// sent is the one documented.
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';

const LIMIT = 1000;
const harness = useTestApp({ env: { IMPORT_MAX_BYTES: String(LIMIT) } });

type Schema = { $ref?: string; properties?: Record<string, unknown> };
type Operation = {
  requestBody?: { content?: Record<string, unknown> };
  responses: Record<string, { description?: string; content?: Record<string, { schema: Schema }> }>;
};
type OpenApi = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

const IMPORT = '/v1/customers/{customerId}/imports';
const CLAIMS_CSV = '/v1/customers/{customerId}/claims/csv';

async function servedDocument(): Promise<OpenApi> {
  const response = await harness().app.inject({ url: '/openapi.json' });
  expect(response.statusCode).toBe(200);
  return response.json() as OpenApi;
}

/** The JSON schema of the documented 413 body of `POST path` (a component when referenced). */
function documented413(document: OpenApi, path: string): Schema | undefined {
  const schema = document.paths[path]?.post?.responses['413']?.content?.['application/json']?.schema;
  if (schema?.$ref === undefined) return schema;
  return document.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')];
}

function uploadUrl(path: string, customerId: string): string {
  return path.replace('{customerId}', customerId);
}

describe('the upload operations document their 413', () => {
  it.each([IMPORT, CLAIMS_CSV])('POST %s lists the 413 with the error body', async (path) => {
    const document = await servedDocument();
    const schema = documented413(document, path);
    expect(Object.keys(schema?.properties ?? {})).toEqual(['message', 'errors', 'trackingId']);
  });

  it('documents the claims CSV body as text/csv, the one media type its parser takes', async () => {
    const document = await servedDocument();
    expect(Object.keys(document.paths[CLAIMS_CSV]?.post?.requestBody?.content ?? {})).toEqual(['text/csv']);
  });
});

describe('an upload over the limit answers the documented 413', () => {
  let customerId = '';

  beforeAll(async () => {
    const { database, partnerId } = harness();
    customerId = (await createTestCustomer(database.db, partnerId, { provision: true })).id;
  });

  it.each([IMPORT, CLAIMS_CSV])('POST %s', async (path) => {
    const { app, auth, tokens } = harness();
    const document = await servedDocument();
    const schema = documented413(document, path);
    expect(schema, 'no documented 413').toBeDefined();
    // OpenAPI 3.0 schemas carry keywords JSON Schema lacks (nullable, example): not strict.
    const validate = new Ajv({ strict: false }).compile(schema ?? {});

    const response = await app.inject({
      method: 'POST',
      url: uploadUrl(path, customerId),
      headers: { ...auth(tokens.partnerFull), 'content-type': 'text/csv' },
      payload: `email\n${'someone@uploadlimit.example\n'.repeat(60)}`,
    });

    expect(response.statusCode, response.body).toBe(413);
    const body: unknown = response.json();
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
  });
});
