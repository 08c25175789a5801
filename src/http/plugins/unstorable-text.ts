// Text the database cannot hold, found anywhere in a request's input. PostgreSQL text and jsonb
// refuse the NUL character, and a lone UTF-16 surrogate has no UTF-8 form (the driver would send
// invalid bytes, or the JSON of an audit row would not parse). Such a value reached a query and
// answered 500; found at the edge, it is a 400 that names the field.
// Keys are checked too: `__proto__` (and `constructor.prototype`) would let a later object copy
// change a prototype, which is what Fastify's JSON parser refused before this one took over.
import { isPrototypeKey } from '../../domain/text/prototype-key.ts';
import { unstorableReason } from '../../domain/text/unstorable-text.ts';

export type UnstorableReason = 'nul' | 'lone_surrogate' | 'forbidden_key';

export interface UnstorableText {
  /** Where it is: object keys and array indexes, outermost first. */
  readonly path: readonly string[];
  readonly reason: UnstorableReason;
  /** The key refused, for `forbidden_key`. */
  readonly key?: string;
}

/**
 * A plain object: `{}`, `Object.create(null)`, or the null-prototype dictionaries that Fastify's
 * router and query-string parser make for params and query (a prototype whose own is null).
 */
function isPlainData(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === null || prototype === Object.prototype) return true;
  return typeof prototype === 'object' && Object.getPrototypeOf(prototype) === null;
}

/** A place in the value: its key and its parent's place, so no path is copied until one is needed. */
interface Place {
  readonly parent: Place | null;
  readonly key: string;
}

function pathOf(place: Place | null): string[] {
  const path: string[] = [];
  for (let at = place; at !== null; at = at.parent) path.push(at.key);
  return path.reverse();
}

/**
 * The first unstorable string (or key) in a parsed value: a string, or JSON-like arrays and plain
 * objects of them. Walks with its own stack, so a deeply nested body cannot overflow the call
 * stack, and keeps places as parent links, so a deep one costs no more than a flat one.
 */
export function findUnstorableText(value: unknown): UnstorableText | null {
  const stack: { value: unknown; place: Place | null }[] = [{ value, place: null }];
  while (stack.length > 0) {
    const next = stack.pop();
    if (!next) break;
    const { value: current, place } = next;
    if (typeof current === 'string') {
      const reason = unstorableReason(current);
      if (reason) return { path: pathOf(place), reason };
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index -= 1)
        stack.push({ value: current[index], place: { parent: place, key: String(index) } });
      continue;
    }
    // Only plain data: a stream (a raw CSV upload) or a Buffer is not walked.
    if (!isPlainData(current)) continue;
    const entries = Object.entries(current);
    for (const [key, child] of entries) {
      if (isPrototypeKey(key, child))
        return { path: pathOf({ parent: place, key }), reason: 'forbidden_key', key };
      const reason = unstorableReason(key);
      if (reason) return { path: pathOf({ parent: place, key }), reason };
    }
    for (let index = entries.length - 1; index >= 0; index -= 1) {
      const [key, child] = entries[index] ?? ['', undefined];
      stack.push({ value: child, place: { parent: place, key } });
    }
  }
  return null;
}

/**
 * A path as the error names it (`users.0.firstName`), each segment escaped as JSON escapes it, so
 * that the name of a field holding a NUL is itself printable and storable.
 */
export function fieldName(path: readonly string[]): string {
  return path.map((segment) => JSON.stringify(segment).slice(1, -1)).join('.');
}
