import { invalidSyntax, invalidValue, ScimError } from '../errors.ts';
import { getCi, isJsonObject } from '../json.ts';
import type { JsonValue } from '../json.ts';
import { PATCH_OP_SCHEMA } from '../schema-urns.ts';
import type { PatchOperation, PatchOpName } from './types.ts';

const OP_NAMES: readonly PatchOpName[] = ['add', 'replace', 'remove'];

/** Operations one PATCH may hold. Clients send a handful (Entra: one per attribute, members as a list). */
export const MAX_PATCH_OPERATIONS = 1000;

/**
 * Validates a PatchOp message (RFC 7644 §3.5.2) and normalises Entra ID's spelling: `op` in any case
 * (`Replace`, `Add`), `Operations` in any case. A missing `schemas` is tolerated; a wrong one is not.
 */
export function parsePatchRequest(body: unknown): PatchOperation[] {
  if (!isJsonObject(body)) throw invalidSyntax('A PATCH request body must be a JSON object');
  const schemas = getCi(body, 'schemas');
  if (schemas !== undefined) {
    const list = Array.isArray(schemas) ? schemas : [schemas];
    if (!list.some((s) => typeof s === 'string' && s.toLowerCase() === PATCH_OP_SCHEMA.toLowerCase())) {
      throw invalidSyntax(`A PATCH request must use the schema ${PATCH_OP_SCHEMA}`);
    }
  }
  const operations = getCi(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) {
    throw invalidSyntax('A PATCH request needs a non-empty "Operations" array');
  }
  if (operations.length > MAX_PATCH_OPERATIONS) {
    // As for Bulk (RFC 7644 §3.7.4): one request holds a bounded amount of work.
    throw new ScimError(
      413,
      'tooMany',
      `A PATCH request may hold at most ${MAX_PATCH_OPERATIONS} operations; this one has ${operations.length}`,
    );
  }
  return operations.map((operation, index) => parseOperation(operation, index));
}

function parseOperation(operation: JsonValue, index: number): PatchOperation {
  if (!isJsonObject(operation)) throw invalidSyntax(`Operation ${index + 1} is not an object`);
  const op = getCi(operation, 'op');
  const name = typeof op === 'string' ? op.trim().toLowerCase() : undefined;
  if (name === undefined || !(OP_NAMES as readonly string[]).includes(name)) {
    throw invalidSyntax(`Operation ${index + 1} has an unknown "op": ${JSON.stringify(op ?? null)}`);
  }
  const path = getCi(operation, 'path');
  if (path !== undefined && path !== null && typeof path !== 'string') {
    throw invalidValue(`Operation ${index + 1} has a "path" that is not a string`);
  }
  const value = getCi(operation, 'value');
  if (name !== 'remove' && value === undefined) {
    throw invalidValue(`Operation ${index + 1} (${name}) needs a "value"`);
  }
  return {
    op: name as PatchOpName,
    ...(typeof path === 'string' && path.trim() !== '' ? { path } : {}),
    ...(value !== undefined ? { value } : {}),
  };
}
