import { getCi, isJsonObject } from '../json.ts';
import type { JsonValue } from '../json.ts';

// Values of a multi-valued attribute (`members`, `emails`…) looked up by their `value`, so merging
// or removing M values against a list of N costs M + N instead of M × N: a group of 50 000 members
// that Entra adds 1 000 to must not hold the event loop for minutes.

/** Two values are the same when their `value` (and `type`, if the probe has one) agree. */
export function sameElement(a: JsonValue, b: JsonValue): boolean {
  if (isJsonObject(a) && isJsonObject(b)) {
    const av = getCi(a, 'value');
    const bv = getCi(b, 'value');
    if (av !== undefined && bv !== undefined) {
      const bt = getCi(b, 'type');
      return looseEqual(av, bv) && (bt === undefined || looseEqual(getCi(a, 'type') ?? null, bt));
    }
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

function looseEqual(a: JsonValue, b: JsonValue): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The bucket two `sameElement` values always share (strings compare case-insensitively). */
function bucketOf(element: JsonValue): string {
  if (isJsonObject(element)) {
    const value = getCi(element, 'value');
    if (value !== undefined) {
      return typeof value === 'string' ? `s:${value.toLowerCase()}` : `j:${JSON.stringify(value)}`;
    }
  }
  return `x:${JSON.stringify(element)}`;
}

export class ElementIndex {
  private readonly buckets = new Map<string, number[]>();

  constructor(private readonly list: JsonValue[]) {
    list.forEach((element, position) => this.remember(element, position));
  }

  /** Position of the list element that `sameElement(element, probe)` holds for, or -1. */
  indexOf(probe: JsonValue): number {
    for (const position of this.buckets.get(bucketOf(probe)) ?? []) {
      const element = this.list[position];
      if (element !== undefined && sameElement(element, probe)) return position;
    }
    return -1;
  }

  /** Whether some list element `candidate` has `sameElement(item, candidate)`. */
  matches(item: JsonValue): boolean {
    for (const position of this.buckets.get(bucketOf(item)) ?? []) {
      const candidate = this.list[position];
      if (candidate !== undefined && sameElement(item, candidate)) return true;
    }
    return false;
  }

  push(element: JsonValue): void {
    this.list.push(element);
    this.remember(element, this.list.length - 1);
  }

  private remember(element: JsonValue, position: number): void {
    const key = bucketOf(element);
    const bucket = this.buckets.get(key);
    if (bucket === undefined) this.buckets.set(key, [position]);
    else bucket.push(position);
  }
}
