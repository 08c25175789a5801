import { describe, expect, it } from 'vitest';
import { byteSizeText } from './byte-size.ts';

describe('byteSizeText', () => {
  it.each([
    [1, '1 byte', '1 byte'],
    [973, '1 kB', '1 kB'],
    [500, '500 bytes', '500 bytes'],
    [972, '972 bytes', '972 bytes'],
    [1000, '1 kB', '1 kB'],
    [1024, '1 kB', '1 kB'],
    [1434, '1.4 kB', '1,4 kB'],
    [10 * 1024, '10 kB', '10 kB'],
    [512 * 1024, '512 kB', '512 kB'],
    [1000 * 1024, '1 MB', '1 MB'],
    [1024 * 1024, '1 MB', '1 MB'],
    [1.5 * 1024 * 1024, '1.5 MB', '1,5 MB'],
    [5 * 1024 * 1024, '5 MB', '5 MB'],
    [100 * 1024 * 1024, '100 MB', '100 MB'],
    [104857600 + 1, '100 MB', '100 MB'],
    [2 * 1024 ** 3, '2 GB', '2 GB'],
  ])('%i bytes read as "%s" (nl "%s")', (bytes, en, nl) => {
    expect(byteSizeText(bytes, 'en')).toBe(en);
    expect(byteSizeText(bytes, 'nl')).toBe(nl);
  });
});
