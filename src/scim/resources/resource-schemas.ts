import { invalidSyntax } from '../errors.ts';
import { getCi } from '../json.ts';
import type { JsonObject } from '../json.ts';
import { CORE_GROUP_SCHEMA, CORE_USER_SCHEMA } from '../schema-urns.ts';
import type { ResourceKind } from './canonicalize.ts';

// RFC 7643 §3: a resource lists its schemas, the resource type's core schema among them. A POST of a
// Group to /Users (or a body that names only an extension) is a request that does not conform to the
// request schema: 400 invalidSyntax (RFC 7644 §3.12). A body without `schemas` is accepted, as PATCH
// messages are: no client we know omits it, and refusing it would gain nothing.

export function assertResourceSchemas(body: JsonObject, kind: ResourceKind): void {
  const schemas = getCi(body, 'schemas');
  if (schemas === undefined || schemas === null) return;
  const list = Array.isArray(schemas) ? schemas : [schemas];
  if (!list.every((item) => typeof item === 'string')) {
    throw invalidSyntax('"schemas" must be a list of schema URNs');
  }
  const core = kind === 'User' ? CORE_USER_SCHEMA : CORE_GROUP_SCHEMA;
  if (!list.some((item) => typeof item === 'string' && item.trim().toLowerCase() === core.toLowerCase())) {
    throw invalidSyntax(`A ${kind} must list the schema ${core} in "schemas"`);
  }
}
