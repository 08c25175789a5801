import { describe, expect, it } from 'vitest';
import { emailProblem, isValidEmail, lookalikeCharacter } from './is-valid-email.ts';

describe('emailProblem', () => {
  it.each([
    { email: 'a@fz.example', problem: null },
    { email: 'Anna.de-Vries@fz.example', problem: null },
    { email: 'jürgen@fz.example', problem: null },
    { email: 'a\u200b@fz.example', problem: 'lookalike' }, // zero-width space
    { email: 'a\u200bb@fz.example', problem: 'lookalike' },
    { email: 'tina\u200c@twee.example', problem: 'lookalike' }, // zero-width non-joiner
    { email: '\ufeffa@fz.example', problem: 'lookalike' }, // byte order mark
    { email: 'a\u202e@fz.example', problem: 'lookalike' }, // right-to-left override
    { email: 'a\u00ad@fz.example', problem: 'lookalike' }, // soft hyphen
    { email: 'a\u00a0b@fz.example', problem: 'lookalike' }, // no-break space
    { email: 'a\u0007@fz.example', problem: 'lookalike' }, // BEL
    { email: 'ＡＢＣ@fz.example', problem: 'lookalike' }, // full-width
    { email: 'ａｂｃ@fz.example', problem: 'lookalike' },
    { email: 'ﬁ@fz.example', problem: 'lookalike' }, // ligature
    { email: 'ju\u0308rgen@fz.example', problem: 'lookalike' }, // decomposed ü
    { email: 'no-at.fz.example', problem: 'shape' },
    { email: `${'a'.repeat(65)}@fz.example`, problem: 'shape' },
    { email: `a@${'d'.repeat(3000)}.example`, problem: 'shape' },
  ])('$email: $problem', ({ email, problem }) => {
    expect(emailProblem(email)).toBe(problem);
    expect(isValidEmail(email)).toBe(problem === null);
  });
});

describe('lookalikeCharacter', () => {
  it.each([
    { email: 'a@fz.example', character: null },
    { email: 'a\u200b@fz.example', character: '\u200b' },
    { email: 'ａbc@fz.example', character: 'ａ' },
    { email: 'jüu\u0308@fz.example', character: 'ü' },
  ])('$email: $character', ({ email, character }) => {
    expect(lookalikeCharacter(email)).toBe(character);
  });
});
