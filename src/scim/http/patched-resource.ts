import { refuseUnstorable } from '../../http/plugins/input-hygiene.ts';
import type { JsonObject } from '../json.ts';
import { applyPatch } from '../patch/apply-patch.ts';
import type { PatchOperation } from '../patch/types.ts';

/**
 * The resource a PATCH makes, held to the check every request body passes at the edge
 * (plugins/input-hygiene.ts): no `__proto__`, no `constructor` holding a `prototype`. A POST or PUT
 * sends such a key in its body and is refused there; a PATCH names it in a `path`
 * (`name.constructor`), which the edge does not read, and stored it. Refused the same way: 400
 * invalidValue naming where it is (`name.constructor`).
 */
export function patchedResource(resource: JsonObject, operations: readonly PatchOperation[]): JsonObject {
  const patched = applyPatch(resource, operations);
  refuseUnstorable('body', patched);
  return patched;
}
