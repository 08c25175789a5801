import type { JsonObject, JsonValue } from '../json.ts';

// The keys the edge refuses in every request body (http/plugins/unstorable-text.ts): `__proto__`,
// and a `constructor` holding a `prototype`. Copied into an object by assignment (Object.assign,
// `target[key] = value`), the first sets that object's prototype and the second reaches the
// prototype of a constructor. A User stored before PATCH refused them (4c3765b) may still hold one
// among the attributes SCIM stores as given; it is dropped when the stored user is read (ADR 0097).

/** True for a key the edge refuses: the same rule, so a read user passes the edge's check. */
export function isPrototypeKey(key: string, value: unknown): boolean {
  if (key === '__proto__') return true;
  return (
    key === 'constructor' &&
    typeof value === 'object' &&
    value !== null &&
    Object.prototype.hasOwnProperty.call(value, 'prototype')
  );
}

/**
 * Deletes every prototype key from `value` in place, at any depth (objects in arrays too), and
 * returns how many it deleted. `delete` removes the own property JSON.parse made; it never reads
 * or sets a prototype. Iterative, as a stored document may be nested deeply.
 */
export function dropPrototypeKeys(value: JsonValue): number {
  let dropped = 0;
  const stack: JsonValue[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === undefined || current === null || typeof current !== 'object') continue;
    if (Array.isArray(current)) {
      for (const element of current) stack.push(element);
      continue;
    }
    const object: JsonObject = current;
    for (const key of Object.keys(object)) {
      const child = object[key];
      if (isPrototypeKey(key, child)) {
        delete object[key];
        dropped += 1;
      } else if (child !== undefined) stack.push(child);
    }
  }
  return dropped;
}
