import { describe, expect, it } from 'vitest';
import { validationFailed } from '../domain/errors.ts';
import { describeError } from './exit-codes.ts';

describe("errors printed by the CLI name the CLI's options", () => {
  it.each([
    {
      name: 'a field in the sentence that has an option',
      detail: { code: 'required', field: 'customerId', description: 'A customer role needs customerId.' },
      expected: '  - A customer role needs --customer.',
    },
    {
      name: 'a field the sentence does not name',
      detail: { code: 'invalid', field: 'expiresAt', description: 'It must lie in the future.' },
      expected: '  - --expires-in-days: It must lie in the future.',
    },
    {
      name: 'a plain word, not an API name',
      detail: { code: 'invalid', field: 'name', description: 'A partner with this name exists.' },
      expected: '  - name: A partner with this name exists.',
    },
    {
      name: 'a field the CLI has no option for',
      detail: { code: 'invalid', field: 'users', description: 'Too many users.' },
      expected: '  - users: Too many users.',
    },
  ])('$name', ({ detail, expected }) => {
    expect(describeError(validationFailed([detail]))).toBe(`The request is not valid.\n${expected}`);
  });
});
