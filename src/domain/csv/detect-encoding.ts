// SPEC §6: UTF-8 with or without BOM, or Windows-1252 as older Excel saves it; anything that looks
// binary is rejected. The start of the file gives a first guess, so the rest can be decoded as a
// stream. A UTF-8 decoder still refuses an invalid sequence anywhere after it (NotUtf8Text): an
// import's first pass then reads the whole file again as Windows-1252, and tells its later passes
// (read-csv.ts, repeated-emails.ts). A byte that is not UTF-8 never becomes U+FFFD unnoticed.
import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'windows-1252';

export type TextEncodingGuess =
  { kind: 'text'; encoding: TextEncoding; bomLength: number } | { kind: 'binary' };

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
 * incomplete multi-byte sequence at its end is an error rather than a chunk boundary). A BOM
 * gives its length; the encoding it suggests is still only a guess, checked by the decoder.
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

/** The text was decoded as UTF-8 and holds a byte sequence that is not UTF-8: read it as Windows-1252. */
export class NotUtf8Text extends Error {
  constructor() {
    super('not UTF-8 text');
    this.name = 'NotUtf8Text';
  }
}

/** Decodes a file a chunk at a time (a character may be split between chunks). */
export interface ChunkDecoder {
  /** The text of `chunk`, less an incomplete character at its end (kept for the next chunk). */
  decode(chunk: Uint8Array): string;
  /** The rest, once the file has ended (UTF-8: throws NotUtf8Text for an incomplete character). */
  end(): string;
}

/**
 * UTF-8 is decoded strictly (NotUtf8Text on an invalid sequence). Windows-1252 by iconv-lite:
 * Node's TextDecoder('windows-1252') gives Latin-1, so € ’ – (0x80–0x9F) would become C1 control
 * characters. The five bytes Windows-1252 leaves undefined become U+FFFD.
 */
export function chunkDecoder(encoding: TextEncoding): ChunkDecoder {
  if (encoding === 'windows-1252') {
    const decoder = iconv.getDecoder('windows-1252', { stripBOM: false });
    return {
      decode: (chunk) => decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)),
      end: () => decoder.end() ?? '',
    };
  }
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const strictly = (decode: () => string): string => {
    try {
      return decode();
    } catch {
      throw new NotUtf8Text();
    }
  };
  return {
    decode: (chunk) => strictly(() => decoder.decode(chunk, { stream: true })),
    end: () => strictly(() => decoder.decode()),
  };
}
