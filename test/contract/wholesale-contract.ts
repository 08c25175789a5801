// The public Webex Wholesale description (shared/reference/webex-wholesale.openapi.json) as a test
// oracle: our /v1/wholesale/* answers must validate against its response schemas, and our routes
// must accept its example requests. OpenAPI 3.0 is not quite JSON Schema, so the document's
// schemas are translated once (nullable, example, $ref into components) before ajv compiles them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';

export const REFERENCE_PATH = fileURLToPath(
  new URL('../../../shared/reference/webex-wholesale.openapi.json', import.meta.url),
);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Where the description contradicts itself we follow its examples (reference/README.md). Each
 * correction names the schema it replaces and why, so the list doubles as documentation.
 */
export const DOCUMENT_CORRECTIONS: ReadonlyArray<{ schema: string; pointer: string; reason: string }> = [
  {
    schema: 'CustomerProvisioningPrecheckResponse',
    pointer: '/properties/info',
    reason: '`info` is an object in the schema but an array in every example; we answer the array.',
  },
  {
    schema: 'SubscriberProvisioningPrecheckResponse',
    pointer: '/properties/info',
    reason: '`info` is an object in the schema but an array in every example; we answer the array.',
  },
];

/*
 * Other self-contradictions, left as published because those routes answer 501 for now: the
 * sub-partner list example uses `subPartners` where its schema says `items`, and the billing
 * report POST example carries an undocumented `internal` property.
 */

export interface ContractOptions {
  /**
   * Reject properties the description does not name (default true): the public schemas allow
   * anything extra, which would let a misspelt field (`errorcode`) pass unnoticed.
   */
  readonly rejectUnknownProperties?: boolean;
}

export interface ValidationResult {
  readonly valid: boolean;
  readonly errors: readonly string[];
}

export interface DocumentedResponse {
  readonly method: HttpMethod;
  readonly path: string;
  readonly status: string;
  readonly schemaRef: string | null;
  readonly headers: readonly string[];
}

const COMPONENT_PREFIX = '#/components/schemas/';
const DOC_ID = 'wholesale.json';

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** OpenAPI 3.0 schema → draft-07 JSON Schema, recursively. */
function toJsonSchema(node: Json, rejectUnknown: boolean): Json {
  if (Array.isArray(node)) return node.map((item) => toJsonSchema(item, rejectUnknown));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    // Annotations that ajv does not know (or that confuse it as keywords) are dropped.
    if (key === 'example' || key === 'examples' || key === 'xml' || key === 'discriminator') continue;
    if (key === 'nullable' || key === 'deprecated') continue;
    if (key === '$ref' && typeof value === 'string' && value.startsWith(COMPONENT_PREFIX)) {
      out[key] = `${DOC_ID}#/definitions/${value.slice(COMPONENT_PREFIX.length)}`;
      continue;
    }
    if (key === 'properties' && isObject(value)) {
      // Property names are data here, not schema keywords: translate each value only.
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, schema]) => [name, toJsonSchema(schema, rejectUnknown)]),
      );
      continue;
    }
    out[key] = toJsonSchema(value, rejectUnknown);
  }
  if (node['nullable'] === true) {
    const type = out['type'];
    if (typeof type === 'string') out['type'] = [type, 'null'];
    if (Array.isArray(out['enum'])) out['enum'] = [...out['enum'], null];
  }
  if (rejectUnknown && isObject(out['properties']) && out['additionalProperties'] === undefined) {
    out['additionalProperties'] = false;
  }
  // A $ref with siblings: draft-07 ignores the siblings, which is what OpenAPI 3.0 means too.
  if (typeof out['$ref'] === 'string') return { $ref: out['$ref'] };
  return out;
}

/** The request examples carry stray quotes inside strings (`"\"US\""`, `"'en'"`): strip them. */
export function stripStrayQuotes<T extends Json>(value: T): T {
  if (typeof value === 'string') {
    const match = /^(["'])([\s\S]*)\1$/.exec(value);
    return (match ? match[2] : value) as T;
  }
  if (Array.isArray(value)) return value.map((item) => stripStrayQuotes(item)) as T;
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripStrayQuotes(v)])) as T;
  }
  return value;
}

function applyCorrections(schemas: JsonObject): void {
  const infoArray: JsonObject = {
    type: 'array',
    items: {
      type: 'object',
      properties: { infoCode: { type: 'number' }, description: { type: 'string' } },
    },
  };
  for (const name of ['CustomerProvisioningPrecheckResponse', 'SubscriberProvisioningPrecheckResponse']) {
    const schema = schemas[name];
    if (isObject(schema) && isObject(schema['properties'])) schema['properties']['info'] = infoArray;
  }
}

const HTTP_METHODS: readonly HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];

export class WholesaleContract {
  readonly document: JsonObject;
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly rejectUnknown: boolean;

  constructor(document: JsonObject, options: ContractOptions = {}) {
    this.document = document;
    const rejectUnknown = options.rejectUnknownProperties ?? true;
    const components = isObject(document['components']) ? document['components'] : {};
    const rawSchemas = isObject(components['schemas']) ? components['schemas'] : {};
    const definitions = toJsonSchema(structuredClone(rawSchemas), rejectUnknown) as JsonObject;
    applyCorrections(definitions);
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    // ajv-formats is CommonJS; under NodeNext its default export arrives either way.
    const addFormats = ((formatsModule as unknown as { default?: typeof formatsModule }).default ??
      formatsModule) as unknown as (ajv: Ajv) => Ajv;
    addFormats(this.ajv);
    for (const format of ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password']) {
      this.ajv.addFormat(format, true);
    }
    this.ajv.addSchema({ $id: DOC_ID, definitions }, DOC_ID);
    this.rejectUnknown = rejectUnknown;
  }

  /** `/v1/wholesale/customers/{id}` and `/wholesale/customers/{customerId}` name one operation. */
  private operation(method: HttpMethod, pathTemplate: string): { path: string; op: JsonObject } {
    const paths = isObject(this.document['paths']) ? this.document['paths'] : {};
    const wanted = pathTemplate.replace(/^\/v1(?=\/)/, '').replace(/\{[^}]+\}/g, '{}');
    for (const [path, item] of Object.entries(paths)) {
      if (path.replace(/\{[^}]+\}/g, '{}') !== wanted || !isObject(item)) continue;
      const op = item[method];
      if (isObject(op)) return { path, op };
    }
    throw new Error(`The public description has no ${method.toUpperCase()} ${pathTemplate}`);
  }

  /** Every response of every operation that the description documents with a body or headers. */
  documentedResponses(): DocumentedResponse[] {
    const paths = isObject(this.document['paths']) ? this.document['paths'] : {};
    const out: DocumentedResponse[] = [];
    for (const [path, item] of Object.entries(paths)) {
      if (!isObject(item)) continue;
      for (const method of HTTP_METHODS) {
        const op = item[method];
        if (!isObject(op) || !isObject(op['responses'])) continue;
        for (const [status, response] of Object.entries(op['responses'])) {
          if (!isObject(response)) continue;
          const schema = this.responseSchemaNode(response);
          const headers = isObject(response['headers']) ? Object.keys(response['headers']) : [];
          if (!schema && headers.length === 0 && !/^2/.test(status)) continue;
          out.push({
            method,
            path,
            status,
            schemaRef:
              schema && typeof schema['$ref'] === 'string' ? schema['$ref'] : schema ? 'inline' : null,
            headers,
          });
        }
      }
    }
    return out;
  }

  private responseSchemaNode(response: JsonObject): JsonObject | null {
    const content = response['content'];
    if (!isObject(content)) return null;
    const media = content['application/json'];
    if (!isObject(media)) return null;
    return isObject(media['schema']) ? media['schema'] : null;
  }

  /** Headers the description promises for a response (e.g. `Location` on 202). */
  responseHeaders(method: HttpMethod, pathTemplate: string, status: number): string[] {
    const { op } = this.operation(method, pathTemplate);
    const responses = isObject(op['responses']) ? op['responses'] : {};
    const response = responses[String(status)];
    return isObject(response) && isObject(response['headers']) ? Object.keys(response['headers']) : [];
  }

  /** Whether the description documents this status for the operation at all. */
  documentsStatus(method: HttpMethod, pathTemplate: string, status: number): boolean {
    const { op } = this.operation(method, pathTemplate);
    return isObject(op['responses']) && op['responses'][String(status)] !== undefined;
  }

  validateResponse(
    method: HttpMethod,
    pathTemplate: string,
    status: number,
    body: unknown,
  ): ValidationResult {
    const { path, op } = this.operation(method, pathTemplate);
    const responses = isObject(op['responses']) ? op['responses'] : {};
    const response = responses[String(status)];
    if (!isObject(response)) {
      return { valid: false, errors: [`${method.toUpperCase()} ${path} documents no ${status} response`] };
    }
    const schema = this.responseSchemaNode(response);
    if (!schema) {
      // No body documented (204, 202 on delete): an empty body is the only right answer. A JSON
      // `null` is a body (four bytes and a content type), so it does not count as empty.
      const empty = body === undefined || body === '';
      return { valid: empty, errors: empty ? [] : [`${status} documents no body, got one`] };
    }
    const key = `${method} ${path} ${status}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(structuredClone(schema), this.rejectUnknown) as object);
      this.validators.set(key, validate);
    }
    const valid = validate(body);
    return { valid, errors: valid ? [] : formatErrors(validate.errors ?? []) };
  }

  /** The operation's request examples, stray quotes stripped, as fresh copies. */
  exampleRequests(method: HttpMethod, pathTemplate: string): JsonObject[] {
    const { op } = this.operation(method, pathTemplate);
    const body = op['requestBody'];
    if (!isObject(body) || !isObject(body['content'])) return [];
    const media = body['content']['application/json'];
    if (!isObject(media)) return [];
    const found: Json[] = [];
    if (media['example'] !== undefined) found.push(media['example']);
    if (isObject(media['examples'])) {
      for (const example of Object.values(media['examples'])) {
        if (isObject(example) && example['value'] !== undefined) found.push(example['value']);
      }
    }
    return found.filter(isObject).map((example) => stripStrayQuotes(structuredClone(example)));
  }

  /** The operation's documented response example for a status, if any (as published). */
  exampleResponse(method: HttpMethod, pathTemplate: string, status: number): Json | undefined {
    const { op } = this.operation(method, pathTemplate);
    const responses = isObject(op['responses']) ? op['responses'] : {};
    const response = responses[String(status)];
    if (!isObject(response) || !isObject(response['content'])) return undefined;
    const media = response['content']['application/json'];
    return isObject(media) ? structuredClone(media['example']) : undefined;
  }
}

function formatErrors(errors: readonly ErrorObject[]): string[] {
  return errors.map((error) => {
    const where = error.instancePath || '(body)';
    const extra =
      error.keyword === 'additionalProperties'
        ? ` '${String((error.params as { additionalProperty?: unknown }).additionalProperty)}'`
        : error.keyword === 'enum'
          ? ` ${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)}`
          : '';
    return `${where} ${error.message ?? error.keyword}${extra}`;
  });
}

let shared: WholesaleContract | undefined;

/** The reference document, loaded and compiled once per test process. */
export function wholesaleContract(): WholesaleContract {
  if (!shared) {
    const document = JSON.parse(readFileSync(REFERENCE_PATH, 'utf8')) as JsonObject;
    shared = new WholesaleContract(document);
  }
  return shared;
}

export function validateResponse(
  method: HttpMethod,
  pathTemplate: string,
  status: number,
  body: unknown,
): ValidationResult {
  return wholesaleContract().validateResponse(method, pathTemplate, status, body);
}

export function exampleRequests(method: HttpMethod, pathTemplate: string): JsonObject[] {
  return wholesaleContract().exampleRequests(method, pathTemplate);
}
