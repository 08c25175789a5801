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
    // A stored value that starts with `'` before a formula character: exactly one `'` goes.
    ["''=x", "'=x"],
    ["'''+1", "''+1"],
    ["''", "''"],
    ["''x=", "''x="],
    ['=x', '=x'],
    // Whitespace and control characters before the formula character, as export writes them.
    ['\'\t=HYPERLINK("x")', '\t=HYPERLINK("x")'],
    ["'\r=1+1", '\r=1+1'],
    ["' \n@me", ' \n@me'],
    ["''\t-1", "'\t-1"],
    ["'\tAnna", "'\tAnna"],
    ["' ", "' "],
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
    ["'=x", false, "''=x"],
    ["''@me", false, "'''@me"],
    ["'Anna", false, "'Anna"],
    ["'", false, "'"],
    // A spreadsheet skips leading whitespace and control characters before it reads a formula.
    ['\t=HYPERLINK("http://evil")', false, '\'\t=HYPERLINK("http://evil")'],
    ['\t@SUM(1+1)', false, "'\t@SUM(1+1)"],
    ['\r=1+1', false, "'\r=1+1"],
    ['\n+1', false, "'\n+1"],
    [' -5', false, "' -5"],
    ['\t \r\n=x', false, "'\t \r\n=x"],
    ['\u000b=x', false, "'\u000b=x"],
    ['\u00a0=x', false, "'\u00a0=x"],
    ["'\t=x", false, "''\t=x"],
    ['\tAnna', false, '\tAnna'],
    [' Anna = Bob', false, ' Anna = Bob'],
    ['\t', false, '\t'],
    ['+31201234501', true, '+31201234501'],
  ])('export %j (trusted %j) -> %j', (value, trusted, expected) => {
    expect(neutralizeCell(value, trusted)).toBe(expected);
    expect(unescapeFormulaCell(neutralizeCell(value, trusted))).toBe(value);
  });
});

describe('formula neutralizing, as a property', () => {
  // A linear congruential generator: the same strings on every run, so a failure reproduces.
  function seededRandom(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
  }

  // Weighted towards the characters the rule is about, so most strings exercise it.
  const ALPHABET = ["'", "'", "'", '=', '+', '-', '@', 'a', ' ', '"', ';', ',', 'é', '\n', '\t', '\r'];

  function randomString(random: () => number): string {
    const length = Math.floor(random() * 8);
    let value = '';
    for (let i = 0; i < length; i++) value += ALPHABET[Math.floor(random() * ALPHABET.length)]!;
    return value;
  }

  it('import(export(v)) === v for random strings of quotes, formula characters and text', () => {
    const random = seededRandom(20261126);
    const failures = new Set<string>();
    let neutralized = 0;
    let quoted = 0;
    for (let i = 0; i < 20_000; i++) {
      const value = randomString(random);
      const exported = neutralizeCell(value);
      if (exported !== value) neutralized++;
      if (/^'+[=+\-@]/.test(value)) quoted++;
      if (unescapeFormulaCell(exported) !== value) failures.add(value);
    }
    expect([...failures]).toEqual([]);
    // The generator must reach the neutralized and the already-quoted cases, or this proves little.
    expect(neutralized).toBeGreaterThan(2_000);
    expect(quoted).toBeGreaterThan(500);
  });

  it('no exported free-text cell starts with a formula character, after whitespace or not', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 5_000; i++) {
      // Nor after leading whitespace or control characters, which a spreadsheet skips.
      expect(neutralizeCell(randomString(random))).not.toMatch(/^[\p{Cc}\s]*[=+\-@]/u);
    }
  });
});
