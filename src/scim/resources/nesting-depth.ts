import { invalidValue } from '../errors.ts';
import type { JsonValue } from '../json.ts';

// Attributes we do not model are stored and returned as given (SPEC §7), but a SCIM resource is a
// few levels deep (resource › extension › complex › sub-attribute). A value nested hundreds of
// thousands of levels deep overflowed the stack further on (500); refuse it as invalidValue.

export const MAX_RESOURCE_DEPTH = 32;

/** Throws invalidValue when `value` nests arrays/objects deeper than `max`. Iterative on purpose. */
export function assertNestingDepth(value: JsonValue, max: number = MAX_RESOURCE_DEPTH): void {
  const stack: Array<[JsonValue, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [JsonValue, number];
    if (current === null || typeof current !== 'object') continue;
    if (depth >= max) throw invalidValue(`The resource nests values more than ${max} levels deep`);
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      stack.push([child, depth + 1]);
    }
  }
}
