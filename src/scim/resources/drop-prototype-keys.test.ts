import { describe, expect, it } from 'vitest';
import { findUnstorableText } from '../../http/plugins/unstorable-text.ts';
import type { JsonObject, JsonValue } from '../json.ts';
import { renderScimUser, type StoredScimUser } from '../users/render-scim-user.ts';
import { dropPrototypeKeys } from './drop-prototype-keys.ts';

// As JSON text, parsed as the database driver parses jsonb: a literal `__proto__` would set a prototype.
const parse = (text: string): JsonValue => JSON.parse(text) as JsonValue;

describe('dropPrototypeKeys', () => {
  it.each([
    ['a top-level __proto__', '{"a": 1, "__proto__": {"p": 1}}', '{"a":1}', 1],
    ['a constructor holding a prototype', '{"a": 1, "constructor": {"prototype": {}}}', '{"a":1}', 1],
    ['a nested one', '{"name": {"g": "A", "constructor": {"prototype": 1}}}', '{"name":{"g":"A"}}', 1],
    ['one in an array element', '{"xs": [{"t": "w", "__proto__": {}}, 2]}', '{"xs":[{"t":"w"},2]}', 1],
    ['one under a dropped key is dropped with it', '{"__proto__": {"__proto__": {}}}', '{}', 1],
    ['several', '[{"__proto__": 1}, {"constructor": {"prototype": 2}}]', '[{},{}]', 2],
    ['a constructor that is plain data: kept', '{"constructor": "x"}', '{"constructor":"x"}', 0],
    ['a constructor without a prototype: kept', '{"constructor": {"p": 1}}', '{"constructor":{"p":1}}', 0],
    ['a key named prototype alone: kept', '{"prototype": {"a": 1}}', '{"prototype":{"a":1}}', 0],
    ['other spellings: kept (no prototype behind them)', '{"__PROTO__": 1}', '{"__PROTO__":1}', 0],
    ['a scalar', '"__proto__"', '"__proto__"', 0],
  ])('%s', (_name, text, expected, count) => {
    const value = parse(text);
    expect(dropPrototypeKeys(value)).toBe(count);
    expect(JSON.stringify(value)).toBe(expected);
    // What is left passes the edge's check: the same rule.
    expect(findUnstorableText(value)).toBeNull();
  });

  it('walks a deeply nested document without overflowing the stack', () => {
    const depth = 100_000;
    const value = parse(`${'{"a":'.repeat(depth)}{"__proto__": 1}${'}'.repeat(depth)}`);
    expect(dropPrototypeKeys(value)).toBe(1);
  });
});

describe('renderScimUser of a document stored with a prototype key', () => {
  const user = (document: JsonObject): StoredScimUser => ({
    id: '00000000-0000-4000-8000-000000000001',
    userName: 'anna@example.com',
    externalId: null,
    email: 'anna@example.com',
    firstName: 'Anna',
    lastName: null,
    displayName: null,
    title: null,
    preferredLanguage: null,
    department: null,
    manager: null,
    suspended: false,
    packageId: null,
    locationName: null,
    extension: null,
    document,
    groups: [],
    createdAt: new Date(0),
    updatedAt: new Date(0),
    version: '1.1',
  });

  it('sets no prototype and carries no such key, and leaves the stored document alone', () => {
    const document = parse(
      '{"__proto__": {"polluted": true}, "constructor": {"prototype": {}}, "addresses": [{"locality": "Utrecht", "__proto__": {}}]}',
    ) as JsonObject;
    const resource = renderScimUser(user(document), 'https://hub.example/scim/v2/c');
    expect(Object.getPrototypeOf(resource)).toBe(Object.prototype);
    expect(resource.polluted).toBeUndefined();
    expect(findUnstorableText(resource)).toBeNull();
    expect(resource.addresses).toEqual([{ locality: 'Utrecht' }]);
    expect(Object.keys(document)).toEqual(['__proto__', 'constructor', 'addresses']);
  });
});
