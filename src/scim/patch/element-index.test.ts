import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../json.ts';
import { ElementIndex, sameElement } from './element-index.ts';

describe('ElementIndex agrees with sameElement', () => {
  const list: JsonValue[] = [
    { value: 'A@x.org', type: 'work' },
    { value: 'b@x.org' },
    { value: 7 },
    { value: '7' },
    'bare',
    { display: 'no value' },
  ];
  const probes: JsonValue[] = [
    { value: 'a@X.org' },
    { value: 'a@x.org', type: 'WORK' },
    { value: 'a@x.org', type: 'home' },
    { value: 'B@x.org', type: 'work' },
    { value: 7 },
    { value: '7' },
    { value: 8 },
    'bare',
    'BARE',
    { display: 'no value' },
    { value: null },
  ];
  it.each(probes.map((probe) => [JSON.stringify(probe), probe] as const))('probe %s', (_name, probe) => {
    const index = new ElementIndex([...list]);
    expect(index.indexOf(probe)).toBe(list.findIndex((element) => sameElement(element, probe)));
    expect(index.matches(probe)).toBe(list.some((element) => sameElement(probe, element)));
  });

  it('finds what it was given by push', () => {
    const index = new ElementIndex([]);
    index.push({ value: 'u1' });
    expect(index.indexOf({ value: 'U1' })).toBe(0);
    expect(index.indexOf({ value: 'u2' })).toBe(-1);
  });
});
