import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../json.ts';
import { assertNestingDepth } from './nesting-depth.ts';

function nested(levels: number): JsonValue {
  let value: JsonValue = 'leaf';
  for (let i = 0; i < levels; i++) value = i % 2 === 0 ? [value] : { x: value };
  return value;
}

describe('assertNestingDepth', () => {
  const cases: Array<[number, boolean]> = [
    [0, true],
    [5, true],
    [32, true],
    [33, false],
    [200_000, false],
  ];
  it.each(cases)('%i levels: accepted %s', (levels, accepted) => {
    const run = () => assertNestingDepth(nested(levels));
    if (accepted) expect(run).not.toThrow();
    else expect(run).toThrow(expect.objectContaining({ status: 400, scimType: 'invalidValue' }) as Error);
  });
});
