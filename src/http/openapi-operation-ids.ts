// Every operation of the served OpenAPI document has an operationId: client generators name their
// methods after it, so it must be unique and must not change when another route is added. An
// operation without one of its own (a route's `schema.operationId`, the SCIM table) gets a name
// derived from its own method and path only, never from its place among the others:
// `GET /v1/customers/{customerId}/users` → `getCustomersByCustomerIdUsers`. The leading `v1` of the
// admin and Wholesale APIs is left out; a path parameter reads `By<Name>`.

/** The keys of a path item that are operations in OAS 3.0.3 (§4.7.9). */
export const OPERATION_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;

function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`)
    .join('');
}

/** The operationId of `method path` when the operation names none itself. */
export function derivedOperationId(method: string, path: string): string {
  const segments = path.split('/').filter((segment) => segment !== '');
  const named = segments[0] === 'v1' ? segments.slice(1) : segments;
  const words = named.map((segment) => {
    const parameter = /^\{(.*)\}$/.exec(segment);
    if (parameter === null) return pascalCase(segment);
    return `By${pascalCase(parameter[1] ?? '') || 'Wildcard'}`;
  });
  return `${method.toLowerCase()}${words.join('') || 'Root'}`;
}

/** Path item fields of OAS 3.0.3 besides the operations. */
const PATH_ITEM_FIELDS = new Set(['$ref', 'summary', 'description', 'servers', 'parameters']);

type DocumentValue = string | number | boolean | null | DocumentValue[] | { [key: string]: DocumentValue };
type DocumentObject = { [key: string]: DocumentValue };

function isObject(value: DocumentValue | undefined): value is DocumentObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The document with an operationId on every operation, and without path item keys OAS 3.0.3 does
 * not allow: `app.all` routes list methods such as `query` that would make the document invalid.
 */
export function withOperationIds<D extends DocumentObject>(document: D): D {
  if (!isObject(document.paths)) return document;
  const paths: DocumentObject = {};
  for (const [path, item] of Object.entries(document.paths)) {
    if (!isObject(item)) {
      paths[path] = item;
      continue;
    }
    const named: DocumentObject = {};
    for (const [key, value] of Object.entries(item)) {
      const isOperation = (OPERATION_METHODS as readonly string[]).includes(key);
      if (!isOperation) {
        if (PATH_ITEM_FIELDS.has(key) || key.startsWith('x-')) named[key] = value;
        continue;
      }
      named[key] =
        isObject(value) && typeof value.operationId !== 'string'
          ? { operationId: derivedOperationId(key, path), ...value }
          : value;
    }
    paths[path] = named;
  }
  return { ...document, paths };
}
