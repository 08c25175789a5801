import { describe, expect, it } from 'vitest';
import { neutralizeCell, parseBooleanCell, parsePhoneCell, unescapeFormulaCell } from './parse-cell.ts';

describe('parseBooleanCell', () => {
  it.each([
    ['TRUE', true],
    ['true', true],
    [' True ', true],
    ['T', true],
    ['t', true],
    ['WAAR', true],
    ['waar', true],
    ['FALSE', false],
    ['f', false],
    ['ONWAAR', false],
    ['Onwaar', false],
    ['', null],
    ['   ', null],
  ])('%j -> %j', (raw, value) => {
    expect(parseBooleanCell(raw)).toEqual({ ok: true, value });
  });

  it.each(['YES', 'no', '1', '0', 'ja', 'TRUE!'])('%j is invalid', (raw) => {
    expect(parseBooleanCell(raw)).toEqual({ ok: false });
  });
});

describe('parsePhoneCell', () => {
  it.each([
    ['', { kind: 'blank' }],
    ['+31201234501', { kind: 'set', value: '+31201234501' }],
    ["'+31201234501", { kind: 'set', value: '+31201234501' }],
    ['REMOVE|+31201234501', { kind: 'remove', value: '+31201234501' }],
    ['remove| 020 123 4501', { kind: 'remove', value: '020 123 4501' }],
  ])('%j', (raw, expected) => {
    expect(parsePhoneCell(raw)).toEqual(expected);
  });
});

describe('formula neutralizing', () => {
  it.each([
    ["'=SUM(A1)", '=SUM(A1)'],
    ["'+1", '+1'],
    ["'-x", '-x'],
    ["'@home", '@home'],
    ["'quoted", "'quoted"],
    ['plain', 'plain'],
  ])('import unescapes %j -> %j', (raw, expected) => {
    expect(unescapeFormulaCell(raw)).toBe(expected);
  });

  it.each([
    ['=HYPERLINK("x")', false, '\'=HYPERLINK("x")'],
    ['+31201234501', false, "'+31201234501"],
    ['+31201234501', true, '+31201234501'],
    ['-5', false, "'-5"],
    ['@me', false, "'@me"],
    ['Anna', false, 'Anna'],
  ])('export %j (trusted %j) -> %j', (value, trusted, expected) => {
    expect(neutralizeCell(value, trusted)).toBe(expected);
    expect(unescapeFormulaCell(neutralizeCell(value, trusted))).toBe(value);
  });
});
