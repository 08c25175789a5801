import { describe, expect, it } from 'vitest';
import { NotUtf8Text, chunkDecoder, detectEncoding, type TextEncoding } from './detect-encoding.ts';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(
    parts.flatMap((part) => (typeof part === 'string' ? [...new TextEncoder().encode(part)] : part)),
  );

/** Decodes `chunks` one after another, as a file read in pieces. */
function decodeAll(encoding: TextEncoding, chunks: readonly Uint8Array[]): string {
  const decoder = chunkDecoder(encoding);
  return chunks.map((chunk) => decoder.decode(chunk)).join('') + decoder.end();
}

describe('chunkDecoder', () => {
  it.each<[string, TextEncoding, Uint8Array[], string]>([
    ['Windows-1252 € ’ – …', 'windows-1252', [bytes([0x80, 0x92, 0x96, 0x85])], '€’–…'],
    ['Windows-1252 quotes and dashes', 'windows-1252', [bytes([0x93, 0x94, 0x97, 0x91])], '“”—‘'],
    ['Windows-1252 Latin-1 letters', 'windows-1252', [bytes('Jos', [0xe9, 0x20, 0xc5, 0xff])], 'José Åÿ'],
    ['Windows-1252 across chunks', 'windows-1252', [bytes('O', [0x92]), bytes('Brien')], 'O’Brien'],
    [
      'Windows-1252 bytes it leaves undefined',
      'windows-1252',
      [bytes([0x81, 0x8d, 0x8f, 0x90, 0x9d])],
      '\uFFFD'.repeat(5),
    ],
    ['UTF-8', 'utf-8', [bytes('Ééénmaal 😀')], 'Ééénmaal 😀'],
    ['UTF-8 split inside a character', 'utf-8', [bytes([0x4a, 0x6f, 0x73, 0xc3]), bytes([0xa9])], 'José'],
    ['UTF-8 emoji split in three', 'utf-8', [bytes([0xf0, 0x9f]), bytes([0x98]), bytes([0x80])], '😀'],
  ])('decodes %s', (_name, encoding, chunks, text) => {
    expect(decodeAll(encoding, chunks)).toBe(text);
  });

  it.each<[string, Uint8Array[]]>([
    ['a Windows-1252 byte', [bytes('Jos', [0xe9, 0x0a])]],
    ['a Windows-1252 byte in a later chunk', [bytes('Anna\n'), bytes('Jos', [0xe9])]],
    ['a character cut off at the end of the file', [bytes('Jos', [0xc3])]],
    ['a C1 byte', [bytes('O', [0x92], 'Brien')]],
  ])('refuses %s as UTF-8 (NotUtf8Text), never as U+FFFD', (_name, chunks) => {
    expect(() => decodeAll('utf-8', chunks)).toThrow(NotUtf8Text);
  });
});

describe('detectEncoding', () => {
  it.each<[string, Uint8Array, boolean, ReturnType<typeof detectEncoding>]>([
    ['ASCII', bytes('a,b\n'), true, { kind: 'text', encoding: 'utf-8', bomLength: 0 }],
    [
      'UTF-8 with BOM',
      bytes([0xef, 0xbb, 0xbf], 'a'),
      true,
      { kind: 'text', encoding: 'utf-8', bomLength: 3 },
    ],
    [
      'a Windows-1252 byte',
      bytes('Jos', [0xe9]),
      true,
      { kind: 'text', encoding: 'windows-1252', bomLength: 0 },
    ],
    [
      'a start cut inside a character',
      bytes('Jos', [0xc3]),
      false,
      { kind: 'text', encoding: 'utf-8', bomLength: 0 },
    ],
    [
      'a whole file cut inside a character',
      bytes('Jos', [0xc3]),
      true,
      { kind: 'text', encoding: 'windows-1252', bomLength: 0 },
    ],
    ['a NUL byte', bytes('PK', [0x03, 0x04, 0x00]), true, { kind: 'binary' }],
  ])('guesses %s', (_name, prefix, complete, guess) => {
    expect(detectEncoding(prefix, complete)).toEqual(guess);
  });
});
