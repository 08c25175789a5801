import { ScimError, invalidPath, invalidSyntax, invalidValue } from '../errors.ts';
import { getCi, isJsonObject } from '../json.ts';
import type { JsonObject, JsonValue } from '../json.ts';
import { BULK_REQUEST_SCHEMA, BULK_RESPONSE_SCHEMA, ERROR_SCHEMA } from '../schema-urns.ts';
import { MAX_BULK_OPERATIONS } from '../discovery/service-provider-config.ts';

// POST /Bulk (RFC 7644 §3.7): operations run in order through the same handlers as single requests
// (the dispatcher), `bulkId:x` references resolve to the ids created earlier in the request, and
// processing stops once `failOnErrors` errors happened.

export interface BulkDispatchResult {
  readonly status: number;
  readonly body?: JsonObject;
  readonly location?: string;
  readonly etag?: string;
}

export type BulkDispatcher = (operation: {
  readonly method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly data?: JsonValue;
  readonly version?: string;
}) => Promise<BulkDispatchResult>;

const METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** `/Users`, `/Groups`, or one resource of them by id (unreserved characters only). */
const BULK_PATH = /^\/(Users|Groups)(\/(?!\.\.?$)[A-Za-z0-9._~-]+)?$/i;

export async function runBulk(body: unknown, dispatch: BulkDispatcher): Promise<JsonObject> {
  if (!isJsonObject(body)) throw invalidSyntax('A bulk request must be a JSON object');
  const schemas = getCi(body, 'schemas');
  if (
    Array.isArray(schemas) &&
    !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === BULK_REQUEST_SCHEMA.toLowerCase())
  ) {
    throw invalidSyntax(`A bulk request must use the schema ${BULK_REQUEST_SCHEMA}`);
  }
  const operations = getCi(body, 'Operations');
  if (!Array.isArray(operations)) throw invalidSyntax('A bulk request needs an "Operations" array');
  if (operations.length > MAX_BULK_OPERATIONS) {
    throw new ScimError(
      413,
      'tooMany',
      `A bulk request may hold at most ${MAX_BULK_OPERATIONS} operations; this one has ${operations.length}`,
    );
  }
  const failOnErrors = getCi(body, 'failOnErrors');
  if (
    failOnErrors !== undefined &&
    failOnErrors !== null &&
    (typeof failOnErrors !== 'number' || failOnErrors < 1)
  ) {
    throw invalidValue('"failOnErrors" must be a positive integer');
  }
  const created = new Map<string, string>();
  const takenBulkIds = new Set<string>();
  const results: JsonObject[] = [];
  let errors = 0;
  for (const raw of operations) {
    if (typeof failOnErrors === 'number' && errors >= failOnErrors) break;
    const result = await runOne(raw, dispatch, created, takenBulkIds);
    if (Number(result.status) >= 400) errors++;
    results.push(result);
  }
  return { schemas: [BULK_RESPONSE_SCHEMA], Operations: results };
}

async function runOne(
  raw: JsonValue,
  dispatch: BulkDispatcher,
  created: Map<string, string>,
  takenBulkIds: Set<string>,
): Promise<JsonObject> {
  const operation = isJsonObject(raw) ? raw : {};
  const methodText = String(getCi(operation, 'method') ?? '').toUpperCase();
  const bulkId = getCi(operation, 'bulkId');
  const version = getCi(operation, 'version');
  const head: JsonObject = { method: methodText };
  if (typeof bulkId === 'string') head.bulkId = bulkId;
  try {
    if (!(METHODS as readonly string[]).includes(methodText))
      throw invalidSyntax(`Unknown bulk method "${methodText}"`);
    const method = methodText as (typeof METHODS)[number];
    const pathValue = getCi(operation, 'path');
    if (typeof pathValue !== 'string' || !pathValue.startsWith('/'))
      throw invalidSyntax('Each bulk operation needs a "path" such as "/Users"');
    if (method === 'POST' && typeof bulkId !== 'string') throw invalidSyntax('A bulk POST needs a "bulkId"');
    // A bulkId is unique within the request (RFC 7644 §3.7): a second POST under one would make
    // `bulkId:x` name two resources, so it is refused and references keep the first.
    if (method === 'POST' && typeof bulkId === 'string') {
      if (takenBulkIds.has(bulkId))
        throw invalidValue(`The bulkId "${bulkId}" is already used by an earlier operation of this request`);
      takenBulkIds.add(bulkId);
    }
    const path = resolveReferences(pathValue, created) as string;
    // Each operation is dispatched below this customer's SCIM base: a path with `..`, encoded
    // characters or another resource type would reach other routes of the app (another
    // customer's SCIM base, the admin API) from inside the server.
    if (!BULK_PATH.test(path))
      throw invalidPath(`A bulk path is "/Users", "/Groups" or one of their ids, not "${path}"`);
    const data = getCi(operation, 'data');
    const result = await dispatch({
      method,
      path,
      ...(data !== undefined ? { data: resolveReferences(data, created) } : {}),
      ...(typeof version === 'string' ? { version } : {}),
    });
    const id = result.body?.id;
    if (method === 'POST' && typeof bulkId === 'string' && typeof id === 'string' && result.status < 300)
      created.set(bulkId, id);
    const entry: JsonObject = { ...head, status: String(result.status) };
    if (result.location !== undefined) entry.location = result.location;
    if (result.etag !== undefined) entry.version = result.etag;
    if (result.status >= 400 && result.body !== undefined) entry.response = result.body;
    return entry;
  } catch (error) {
    if (!(error instanceof ScimError)) throw error;
    return { ...head, status: String(error.status), response: errorBody(error) };
  }
}

function resolveReferences(value: JsonValue, created: Map<string, string>): JsonValue {
  if (typeof value === 'string') {
    return value.replace(/bulkId:([A-Za-z0-9._~-]+)/g, (whole, id: string) => {
      const resolved = created.get(id);
      if (resolved === undefined) throw new ScimError(409, 'invalidValue', `Unresolved reference "${whole}"`);
      return resolved;
    });
  }
  if (Array.isArray(value)) return value.map((item) => resolveReferences(item, created));
  if (isJsonObject(value)) {
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value)) out[key] = resolveReferences(item, created);
    return out;
  }
  return value;
}

export function errorBody(error: ScimError): JsonObject {
  return {
    schemas: [ERROR_SCHEMA],
    ...(error.scimType !== undefined ? { scimType: error.scimType } : {}),
    detail: error.message,
    status: String(error.status),
  };
}
