// SPEC §6: UTF-8 with or without BOM, or Windows-1252 as older Excel saves it; anything that looks
// binary is rejected. Detection looks at a prefix of the file so the rest can be decoded as a stream.

export type TextEncodingGuess =
  { kind: 'text'; encoding: 'utf-8' | 'windows-1252'; bomLength: number } | { kind: 'binary' };

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
}

/** A NUL byte, or many control characters other than tab/CR/LF, means this is not a text file. */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control += 1;
  }
  return sample.length > 0 && control / sample.length > 0.05;
}

/**
 * `prefix` is the start of the file; `complete` tells whether it is the whole file (then an
 * incomplete multi-byte sequence at its end is an error rather than a chunk boundary).
 */
export function detectEncoding(prefix: Uint8Array, complete: boolean): TextEncodingGuess {
  if (hasUtf8Bom(prefix)) return { kind: 'text', encoding: 'utf-8', bomLength: 3 };
  if (looksBinary(prefix)) return { kind: 'binary' };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(prefix, { stream: !complete });
    return { kind: 'text', encoding: 'utf-8', bomLength: 0 };
  } catch {
    return { kind: 'text', encoding: 'windows-1252', bomLength: 0 };
  }
}
