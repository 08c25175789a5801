import { describe, expect, it } from 'vitest';
import { fieldName, findUnstorableText } from './unstorable-text.ts';

describe('findUnstorableText', () => {
  it.each([
    ['a clean body', { a: 'x', b: [1, true, null, { c: '😀' }] }, null],
    ['a top-level string', 'x\u0000', { path: [], reason: 'nul' }],
    [
      'a nested value',
      { a: [{ b: 'ok' }, { b: 'x\ud800' }] },
      { path: ['a', '1', 'b'], reason: 'lone_surrogate' },
    ],
    ['a key', { a: { 'k\u0000': 1 } }, { path: ['a', 'k\u0000'], reason: 'nul' }],
    [
      'a __proto__ key',
      JSON.parse('{"a":{"__proto__":{"x":1}}}') as unknown,
      { path: ['a', '__proto__'], reason: 'forbidden_key', key: '__proto__' },
    ],
    [
      'constructor.prototype',
      JSON.parse('{"constructor":{"prototype":{}}}') as unknown,
      { path: ['constructor'], reason: 'forbidden_key', key: 'constructor' },
    ],
    ['a constructor that is only a name', { constructor: 'Acme' }, null],
    ['the first of two, in document order', { a: 'x\u0000', b: 'y\u0000' }, { path: ['a'], reason: 'nul' }],
    [
      'a null-prototype dictionary (params)',
      Object.assign(Object.create(null) as object, { id: 'a\u0000' }),
      { path: ['id'], reason: 'nul' },
    ],
  ])('%s', (_name, value, expected) => {
    expect(findUnstorableText(value)).toEqual(expected);
  });

  it('leaves a Buffer (a raw upload) alone', () => {
    expect(findUnstorableText(Buffer.from('a\u0000b'))).toBeNull();
  });

  it('walks a deeply nested body without overflowing the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let depth = 0; depth < 100_000; depth += 1) deep = [deep];
    expect(findUnstorableText(deep)?.path).toHaveLength(100_000);
  });
});

describe('fieldName', () => {
  it.each([
    [['a', '0', 'b'], 'a.0.b'],
    [[], ''],
    [['k\u0000'], 'k\\u0000'],
    [['x\ud800'], 'x\\ud800'],
  ])('%j → %s', (path, name) => {
    expect(fieldName(path)).toBe(name);
  });
});
