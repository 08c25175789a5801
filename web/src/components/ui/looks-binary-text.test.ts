import { describe, expect, it } from 'vitest';
import { looksBinaryText, textFormatOf } from './looks-binary-text.ts';

describe('looksBinaryText', () => {
  it.each([
    ['text with a NUL', 'Email,First Name\u0000\n', true],
    ['mostly control characters', '\u0001\u0002\u0003\u0004abc', true],
    ['a CSV', 'Email,First Name\nanna@acme.nl,Anna\n', false],
    ['a CSV with tabs and CRLF', 'Email\tName\r\nanna@acme.nl\tAnna\r\n', false],
    ['an empty file', '', false],
    ['a NUL after the first KB', `${'a,b\n'.repeat(300)}\u0000`, false],
  ])('%s → %s', (_name, text, binary) => {
    expect(looksBinaryText(text)).toBe(binary);
  });
});

describe('textFormatOf', () => {
  it.each([
    ['.csv,text/csv', 'CSV'],
    ['text/plain', 'text'],
    ['.csv,.xlsx', null],
    ['image/*', null],
    ['', null],
  ])('%s → %s', (accept, format) => {
    expect(textFormatOf(accept)).toBe(format);
  });
});
