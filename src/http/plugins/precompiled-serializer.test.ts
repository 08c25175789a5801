import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { userOutput } from '../schemas/users.ts';
import { plainJsonSchema, precompiledOkSerializer } from './precompiled-serializer.ts';

const userList = z.object({ items: z.array(userOutput) });
const route = (schema: z.ZodType, httpStatus = '200') => ({ schema, method: 'GET', url: '/t', httpStatus });

const user = {
  id: '6f1c1f7e-2a59-4a43-9f0e-0d2b3c4d5e6f',
  customerId: '0b6b7a0e-8a2a-4c1a-b7e5-1f2e3d4c5b6a',
  email: 'ann "the quoted" <ann@example.com>\u2028',
  firstName: 'Ann',
  lastName: null,
  displayName: 'Ann\nSmith',
  title: null,
  department: 'Sales \\ Support',
  manager: null,
  package: 'webex_voice',
  attendantConsole: false,
  basicLicences: { basicMessaging: true, basicSpaceMeetings: false, callingFromWebex: true },
  jabberCalling: null,
  jabberWithWebexTeams: true,
  preferredWebexSite: 'acme.webex.com',
  preferredLanguage: null,
  timeZone: 'Europe/Amsterdam',
  locationId: null,
  locationName: 'Zoë’s office 🏢',
  extension: '1234',
  phoneNumber: null,
  callerIdNumber: null,
  callerIdFirstName: null,
  callerIdLastName: null,
  status: 'error',
  errors: [{ code: 'licence_missing', description: 'No licence' }],
  suspended: false,
  createdAt: '2026-11-26T12:00:00.000Z',
  updatedAt: '2026-11-26T12:00:00.123Z',
};

describe('precompiledOkSerializer', () => {
  it.each([
    ['an empty page', { items: [] }],
    ['one user', { items: [user] }],
    [
      'users with properties in another order',
      { items: [Object.fromEntries(Object.entries(user).reverse())] },
    ],
    ['a user with a field the schema does not have', { items: [{ ...user, internalNote: 'secret' }] }],
    ['a page with a property the schema does not have', { items: [user, user], nextCursor: 'x' }],
  ])('writes %s exactly as the zod serializer does', (_name, page) => {
    const expected = zodSerializerCompiler(route(userList))(page);
    expect(precompiledOkSerializer(route(userList))(page)).toBe(expected);
    expect(expected).not.toContain('secret');
  });

  it('leaves error responses to zod, which refuses what does not fit the schema', () => {
    const errorBody = z.object({ message: z.string() });
    expect(() => precompiledOkSerializer(route(errorBody, '404'))({ message: 3 })).toThrow();
  });
});

describe('plainJsonSchema', () => {
  it.each([
    ['a date', z.object({ at: z.date() })],
    ['a transform', z.object({ n: z.string().transform((value) => value.length) })],
    ['a default', z.object({ n: z.number().default(1) })],
  ])('leaves a schema with %s to zod', (_name, schema) => {
    expect(plainJsonSchema(schema)).toBeNull();
  });

  it('compiles the user list', () => {
    expect(plainJsonSchema(userList)).toMatchObject({ type: 'object', required: ['items'] });
  });
});
