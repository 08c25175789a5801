import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, jsonNestsDeeperThan } from './json-depth.ts';

const nested = (levels: number, open = '[', close = ']'): string =>
  open.repeat(levels) + close.repeat(levels);

describe('jsonNestsDeeperThan', () => {
  it.each([
    ['a scalar', '42', 0, false],
    ['an empty object at depth 1', '{}', 1, false],
    ['an empty object over depth 0', '{}', 0, true],
    ['arrays exactly at the limit', nested(3), 3, false],
    ['arrays one over the limit', nested(4), 3, true],
    ['objects one over the limit', '{"a":{"b":{"c":{}}}}', 3, true],
    ['siblings do not add up', '[[],[],{},{"a":[]}]', 3, false],
    ['brackets inside a string', '{"a":"[[[[{{{{"}', 1, false],
    ['an escaped quote inside a string', '{"a":"\\"[[[[[["}', 1, false],
    ['an escaped backslash before the closing quote', '{"a":"\\\\"}', 1, false],
    ['an escaped backslash, then brackets outside the string', '["\\\\",[[]]]', 2, true],
    ['three backslashes and a quote stay in the string', '["\\\\\\"[[[["]', 1, false],
    ['a key full of braces', '{"{{{{":1}', 1, false],
    ['an unterminated string', '["[[[[', 1, false],
  ])('%s', (_name, text, max, expected) => {
    expect(jsonNestsDeeperThan(text, max)).toBe(expected);
  });

  it('counts to the default limit', () => {
    expect(jsonNestsDeeperThan(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(jsonNestsDeeperThan(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(jsonNestsDeeperThan(`{"x":${nested(2_400_000)}}`)).toBe(true);
  });

  it('agrees with the parsed depth of bodies JSON.parse takes', () => {
    const depthOf = (value: unknown): number =>
      value !== null && typeof value === 'object' ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0;
    const bodies = [
      { a: [1, '[', { b: '\\"{' }], c: { d: { e: ['"]]]', '\\'] } } },
      [[['x\\', '"'], []], { '[': { '{': '}' } }],
      { schemas: ['urn'], Operations: [{ op: 'add', value: { emails: [{ value: 'a@b' }] } }] },
    ];
    for (const body of bodies) {
      const text = JSON.stringify(body);
      const depth = depthOf(body);
      expect(jsonNestsDeeperThan(text, depth), text).toBe(false);
      expect(jsonNestsDeeperThan(text, depth - 1), text).toBe(true);
    }
  });
});
