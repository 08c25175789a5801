import { describe, expect, it } from 'vitest';
import { looksBinaryText } from '../../../components/ui/looks-binary-text.ts';
import { previewCsvText } from './local-preview.ts';

// How the browser's File.text() decodes a PNG: the signature, then NULs from the IHDR chunk length.
const pngAsText = new TextDecoder().decode(
  new Uint8Array([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 10, 65, 10,
  ]),
);

describe('local CSV preview', () => {
  it('sees the PNG as binary', () => {
    expect(looksBinaryText(pngAsText)).toBe(true);
  });

  it('reads a PNG as "not a CSV text file", not as rows and columns', () => {
    expect(previewCsvText(pngAsText)).toEqual({ headers: [], rowCount: 0, binary: true });
  });

  it('counts the columns and records of a CSV', () => {
    expect(previewCsvText('\uFEFFEmail, First Name\nanna@acme.nl,Anna\n\nbob@acme.nl,Bob\n')).toEqual({
      headers: ['Email', 'First Name'],
      rowCount: 2,
      binary: false,
    });
  });
});
