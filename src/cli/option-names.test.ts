import { describe, expect, it } from 'vitest';
import { validationFailed } from '../domain/errors.ts';
import { describeError } from './exit-codes.ts';

const CUSTOMERS_CREATE = new Set([
  '--name',
  '--external-id',
  '--admin-email',
  '--country',
  '--language',
  '--zip',
]);

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
      name: 'a plain word, not an API name, without the command that ran',
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

  it.each([
    {
      name: 'a field named as the option the command has, mapped',
      detail: { code: 'invalid', field: 'adminEmail', description: '"x" is not a valid email address.' },
      expected: '  - --admin-email: "x" is not a valid email address.',
    },
    {
      name: 'a field named as the option the command has, in kebab case',
      detail: { code: 'invalid', field: 'country', description: '"ZZ" is not a country code.' },
      expected: '  - --country: "ZZ" is not a country code.',
    },
    {
      name: 'a plain word that is an option of the command',
      detail: { code: 'invalid', field: 'name', description: 'Name is required.' },
      expected: '  - --name: Name is required.',
    },
    {
      name: 'a nested field by its last part',
      detail: { code: 'invalid', field: 'firstLocation.country', description: 'Not a country.' },
      expected: '  - --country: Not a country.',
    },
    {
      name: 'an API field whose option has another name',
      detail: { code: 'invalid', field: 'zipCode', description: 'Too long.' },
      expected: '  - --zip: Too long.',
    },
    {
      name: 'a description that starts with its field: the label said once',
      detail: { code: 'invalid', field: 'language', description: 'language: "xx" is not a language.' },
      expected: '  - --language: "xx" is not a language.',
    },
    {
      name: 'a field of no option of this command stays as it is',
      detail: { code: 'invalid', field: 'timezone', description: 'Not a zone.' },
      expected: '  - timezone: Not a zone.',
    },
  ])('with the command that ran: $name', ({ detail, expected }) => {
    expect(describeError(validationFailed([detail]), CUSTOMERS_CREATE)).toBe(
      `The request is not valid.\n${expected}`,
    );
  });
});
