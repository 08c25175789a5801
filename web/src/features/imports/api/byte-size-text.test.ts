import { describe, expect, it } from 'vitest';
import { byteSizeText } from './byte-size-text.ts';

describe('byteSizeText', () => {
  it.each([
    [0, 'en', '0 bytes'],
    [1, 'en', '1 byte'],
    [900, 'en', '900 bytes'],
    [1000, 'en', '1 kB'],
    [1434, 'en', '1.4 kB'],
    [1434, 'nl', '1,4 kB'],
    [1_258_291, 'en', '1.2 MB'],
    [2_516_582, 'nl', '2,4 MB'],
    [25 * 1024 * 1024, 'en', '25 MB'],
    [3 * 1024 ** 3, 'en', '3 GB'],
  ])('%i bytes in %s reads %s', (bytes, language, text) => {
    expect(byteSizeText(bytes, language)).toBe(text);
  });
});
