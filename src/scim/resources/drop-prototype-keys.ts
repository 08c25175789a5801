import { isPrototypeKey } from '../../domain/text/prototype-key.ts';
import type { JsonObject, JsonValue } from '../json.ts';

// A User stored before PATCH refused prototype keys (4c3765b) may still hold one among the
// attributes SCIM stores as given; it is dropped when the stored user is read (ADR 0097), by the
// rule the edge refuses them with (domain/text/prototype-key.ts).

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
