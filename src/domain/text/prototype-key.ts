// The object keys that can reach a prototype when copied by assignment (Object.assign,
// `target[key] = value`): `__proto__` sets the target's prototype, and a `constructor` holding a
// `prototype` reaches a constructor's. The edge refuses them in every request body
// (http/plugins/unstorable-text.ts) and SCIM drops them from users stored before it did
// (scim/resources/drop-prototype-keys.ts): one rule, so a user read back passes the edge's check.

/** True for a key that must never be copied into an object by assignment. */
export function isPrototypeKey(key: string, value: unknown): boolean {
  if (key === '__proto__') return true;
  return (
    key === 'constructor' &&
    typeof value === 'object' &&
    value !== null &&
    Object.prototype.hasOwnProperty.call(value, 'prototype')
  );
}
