// The served OpenAPI document (and so /docs) lists every route of the lifecycle issue.
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { wholesaleContract } from './wholesale-contract.ts';

const harness = useTestApp();

const ROUTES: readonly [string, string][] = [
  ['get', '/v1/wholesale/customers'],
  ['post', '/v1/wholesale/customers'],
  ['post', '/v1/wholesale/customers/validate'],
  ['get', '/v1/wholesale/customers/{customerId}'],
  ['put', '/v1/wholesale/customers/{customerId}'],
  ['delete', '/v1/wholesale/customers/{customerId}'],
  ['get', '/v1/wholesale/subscribers'],
  ['post', '/v1/wholesale/subscribers'],
  ['post', '/v1/wholesale/subscribers/validate'],
  ['get', '/v1/wholesale/subscribers/{subscriberId}'],
  ['put', '/v1/wholesale/subscribers/{subscriberId}'],
  ['delete', '/v1/wholesale/subscribers/{subscriberId}'],
  ['post', '/v1/subscribers/{subscriberId}/emails/consentMove'],
  ['get', '/v1/wholesale/subPartners'],
  ['get', '/v1/wholesale/billing/reports'],
  ['post', '/v1/customers/{customerId}/users/batch'],
  ['put', '/v1/customers/{customerId}/users/{userId}/package'],
  ['post', '/v1/customers/{customerId}/users/{userId}/repair'],
  ['get', '/v1/customers/{customerId}/settings'],
  ['patch', '/v1/customers/{customerId}/settings'],
  ['get', '/v1/customers/{customerId}/domains'],
  ['post', '/v1/customers/{customerId}/domains'],
  ['post', '/v1/customers/{customerId}/domains/{domain}/verify'],
  ['delete', '/v1/customers/{customerId}/domains/{domain}'],
  ['get', '/v1/customers/{customerId}/claims'],
  ['post', '/v1/customers/{customerId}/claims'],
  ['post', '/v1/customers/{customerId}/claims/csv'],
  ['post', '/v1/signup'],
  ['post', '/v1/signup/verify'],
  ['post', '/v1/accounts/free'],
  ['post', '/v1/consent'],
];

describe('/openapi.json', () => {
  it('documents every lifecycle and Wholesale API route', async () => {
    const { app } = harness();
    const response = await app.inject({ url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const paths = response.json().paths as Record<string, Record<string, unknown>>;
    const missing = ROUTES.filter(([method, path]) => !paths[path]?.[method]).map(([m, p]) => `${m} ${p}`);
    expect(missing).toEqual([]);
  });

  it('shows the public field names of the Wholesale schemas', async () => {
    const { app } = harness();
    const document = (await app.inject({ url: '/openapi.json' })).json();
    // The Wholesale schemas are components (WholesaleSubscriber, WholesaleError, …) the paths refer to.
    const text = JSON.stringify(document);
    for (const field of ['externalCustomerId', 'lastStatusChange', 'pending_user_migration', 'errorCode']) {
      expect(text).toContain(field);
    }
  });
});

/*
 * The Wholesale operations of the served document against the public description, shape for
 * shape: the same query parameters, request bodies with the same fields, types, enums and
 * required lists, the same response fields, no body where none is published, and the published
 * headers. The differences we mean are listed, each with its reason; anything else fails.
 */
type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  allOf?: Schema[];
};
type OpenApi = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};
type Operation = {
  parameters?: { in: string; name: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<
    string,
    { headers?: Record<string, unknown>; content?: Record<string, { schema: Schema }> }
  >;
};

const WHOLESALE_OPERATIONS: readonly [string, string][] = [
  ['get', '/wholesale/customers'],
  ['post', '/wholesale/customers'],
  ['get', '/wholesale/customers/{customerId}'],
  ['put', '/wholesale/customers/{customerId}'],
  ['delete', '/wholesale/customers/{customerId}'],
  ['post', '/wholesale/customers/validate'],
  ['get', '/wholesale/subscribers'],
  ['post', '/wholesale/subscribers'],
  ['get', '/wholesale/subscribers/{subscriberId}'],
  ['put', '/wholesale/subscribers/{subscriberId}'],
  ['delete', '/wholesale/subscribers/{subscriberId}'],
  ['post', '/wholesale/subscribers/validate'],
  ['post', '/subscribers/{subscriberId}/emails/consentMove'],
];

/** Where ours differs from the description on purpose: `<operation> <where> <path>` → reason. */
const INTENDED_DIFFERENCES: Readonly<Record<string, string>> = {
  'get /wholesale/customers param offset': 'published as a string; a number is what it means',
  'get /wholesale/customers param max': 'published as a string; a number is what it means',
  'post /wholesale/customers/validate 200 .info': 'an array, as in every published example (README)',
  'post /wholesale/subscribers/validate 200 .info': 'an array, as in every published example (README)',
  'post /wholesale/customers/validate body .customerInfo.language':
    "the create's field: the precheck judges it as the create does",
};

function resolve(document: OpenApi, schema: Schema | undefined): Schema | undefined {
  let current = schema;
  for (let depth = 0; current?.$ref && depth < 10; depth += 1) {
    const name = current.$ref.replace('#/components/schemas/', '');
    current = document.components?.schemas?.[name];
  }
  return current;
}

/** number and integer are one kind here: the description writes `number` for whole numbers. */
function kind(schema: Schema | undefined): string {
  const types = (schema?.anyOf ?? [schema]).map((s) => (s?.type === 'integer' ? 'number' : (s?.type ?? '?')));
  return [...new Set(types)].sort().join('|');
}

/** Every field of a schema, by path: its kind, enum and required list. */
function shape(document: OpenApi, root: Schema | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (raw: Schema | undefined, path: string): void => {
    const schema = resolve(document, raw);
    if (!schema) return;
    if (schema.allOf) return schema.allOf.forEach((part) => walk(part, path));
    const values = schema.enum?.filter((value) => value !== null).map(String);
    const required = schema.required ? ` required=${[...schema.required].sort().join(',')}` : '';
    out.set(path, `${kind(schema)}${values ? ` enum=${values.join('|')}` : ''}${required}`);
    for (const [name, property] of Object.entries(schema.properties ?? {})) walk(property, `${path}.${name}`);
    if (schema.items) walk(schema.items, `${path}[]`);
  };
  walk(root, '');
  return out;
}

function compareShapes(
  key: string,
  published: Map<string, string>,
  served: Map<string, string>,
  options: { requiredMayBeStricter: boolean },
): string[] {
  const problems: string[] = [];
  for (const path of new Set([...published.keys(), ...served.keys()])) {
    if ([...Object.keys(INTENDED_DIFFERENCES)].some((d) => `${key} ${path}`.startsWith(d))) continue;
    let [theirs, ours] = [published.get(path), served.get(path)];
    // A response may promise more than the description does (a field that is always there).
    if (options.requiredMayBeStricter)
      [theirs, ours] = [theirs, ours].map((s) => s?.replace(/ required=.*/, ''));
    if (theirs !== ours) problems.push(`${key} ${path || '(body)'}: published ${theirs}, served ${ours}`);
  }
  return problems;
}

describe('/openapi.json describes the Wholesale API with the published shapes', () => {
  it('has the same parameters, bodies, response fields and headers as the public description', async () => {
    const { app } = harness();
    const served = (await app.inject({ url: '/openapi.json' })).json() as OpenApi;
    const published = wholesaleContract().document as unknown as OpenApi;
    const problems: string[] = [];
    for (const [method, path] of WHOLESALE_OPERATIONS) {
      const theirs = published.paths[path]?.[method];
      const ours = served.paths[`/v1${path}`]?.[method];
      const key = `${method} ${path}`;
      if (!theirs || !ours) {
        problems.push(`${key}: missing`);
        continue;
      }
      const ourParams = new Map((ours.parameters ?? []).map((p) => [`${p.in} ${p.name}`, p.schema]));
      for (const parameter of theirs.parameters ?? []) {
        const id = `${key} param ${parameter.name}`;
        if (!ourParams.has(`${parameter.in} ${parameter.name}`)) problems.push(`${id}: not served`);
        else if (INTENDED_DIFFERENCES[id] === undefined) {
          const ourKind = kind(ourParams.get(`${parameter.in} ${parameter.name}`));
          // `status` of the customer list is an array, and we also take the single value.
          if (!ourKind.split('|').includes(kind(parameter.schema))) {
            problems.push(`${id}: published ${kind(parameter.schema)}, served ${ourKind}`);
          }
        }
      }
      const theirBody = theirs.requestBody?.content['application/json']?.schema;
      const ourBody = ours.requestBody?.content['application/json']?.schema;
      problems.push(
        ...compareShapes(`${key} body`, shape(published, theirBody), shape(served, ourBody), {
          requiredMayBeStricter: false,
        }),
      );
      for (const [status, response] of Object.entries(theirs.responses)) {
        if (!status.startsWith('2')) continue;
        const ourResponse = ours.responses[status];
        if (!ourResponse) {
          problems.push(`${key} ${status}: not served`);
          continue;
        }
        const theirSchema = response.content?.['application/json']?.schema;
        const ourSchema = ourResponse.content?.['application/json']?.schema;
        if (!theirSchema && ourResponse.content) problems.push(`${key} ${status}: published without a body`);
        problems.push(
          ...compareShapes(`${key} ${status}`, shape(published, theirSchema), shape(served, ourSchema), {
            requiredMayBeStricter: true,
          }),
        );
        for (const header of Object.keys(response.headers ?? {})) {
          if (!ourResponse.headers?.[header])
            problems.push(`${key} ${status}: header ${header} not declared`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('declares the public error shape for every error status a Wholesale operation can answer', async () => {
    const { app } = harness();
    const served = (await app.inject({ url: '/openapi.json' })).json() as OpenApi;
    for (const [method, path] of WHOLESALE_OPERATIONS) {
      const responses = served.paths[`/v1${path}`]?.[method]?.responses ?? {};
      for (const status of ['400', '401', '403', '404', '409', '415', '429', '500']) {
        const schema = responses[status]?.content?.['application/json']?.schema;
        expect(Object.keys(schema?.properties ?? {}), `${method} ${path} ${status}`).toEqual([
          'message',
          'errors',
          'trackingId',
        ]);
      }
    }
  });

  it('declares the next-page Link header of both lists', async () => {
    const { app } = harness();
    const served = (await app.inject({ url: '/openapi.json' })).json() as OpenApi;
    for (const path of ['/v1/wholesale/customers', '/v1/wholesale/subscribers']) {
      expect(served.paths[path]?.['get']?.responses['200']?.headers, path).toMatchObject({
        Link: { schema: { type: 'string' } },
      });
    }
  });

  it('serves the readable API docs', async () => {
    const { app } = harness();
    const response = await app.inject({ url: '/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
  });
});
