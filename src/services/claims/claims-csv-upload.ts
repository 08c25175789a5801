// The claims CSV's upload, read whole into memory (the reader reads a file again from its start
// when it turns out not to be simple CSV or not UTF-8) and cut off at the size limit with the
// users import's 413, so a client never sends more than the limit into memory.
import { fileTooLarge } from '../imports/create-import.ts';

/** The file as uploaded: a byte stream (the route), or bytes or text already in memory. */
export type ClaimsCsvFile = AsyncIterable<Uint8Array> | Uint8Array | string;

/** The file's bytes; throws the import's `payload_too_large` (file_too_large) past `maxBytes`. */
export async function claimsCsvBytes(file: ClaimsCsvFile, maxBytes: number): Promise<Uint8Array> {
  if (typeof file === 'string' || file instanceof Uint8Array) {
    const whole = typeof file === 'string' ? Buffer.from(file, 'utf8') : file;
    if (whole.length > maxBytes) throw fileTooLarge(maxBytes);
    return whole;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of file) {
    total += chunk.length;
    if (total > maxBytes) throw fileTooLarge(maxBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}
