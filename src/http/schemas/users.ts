// Request and response schemas of users, shared by the user routes and the batch routes.
import { z } from 'zod';
import { PACKAGE_IDS } from '../../domain/packages/catalog.ts';
import { FIELD_MAX_LENGTH as MAX } from '../../domain/users/field-rules.ts';

/** A profile field a request may clear with `null` (names may be changed, not removed). */
const clearable = (max: number) =>
  z.string().max(max).nullable().optional().describe('null clears it; left out: no change');

/**
 * Strict: a key the API does not know (`locationId` for `location`, a misspelt field) is a 400
 * naming it, not a 200 that changed nothing.
 */
export const userFieldsInput = z.strictObject({
  firstName: z.string().max(MAX.firstName).optional(),
  lastName: z.string().max(MAX.lastName).optional(),
  displayName: clearable(MAX.displayName),
  title: clearable(MAX.title),
  department: clearable(MAX.department),
  manager: clearable(MAX.manager),
  preferredWebexSite: clearable(MAX.preferredWebexSite),
  preferredLanguage: clearable(MAX.preferredLanguage),
  timeZone: clearable(MAX.timeZone),
  callerIdFirstName: clearable(MAX.callerIdFirstName),
  callerIdLastName: clearable(MAX.callerIdLastName),
  callerIdNumber: z
    .string()
    .max(MAX.callerIdNumber)
    .nullable()
    .optional()
    .describe("E.164 or national format of the user's location; null clears it; left out: no change"),
  package: z.enum(PACKAGE_IDS).optional(),
  attendantConsole: z
    .boolean()
    .optional()
    .describe('true assigns the Attendant Console add-on, false removes it; left out: no change'),
  location: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Location id or name; an unknown one is a 400, and so is one for a package that does not use a location',
    ),
  extension: z.string().max(MAX.extension).optional(),
  phoneNumber: z
    .string()
    .max(MAX.phoneNumber)
    .optional()
    .describe("E.164 or national format of the location's country"),
  jabberCalling: z.boolean().optional(),
  jabberWithWebexTeams: z.boolean().optional(),
});

/** PATCH only: a new user gets the basic licences by the customer's setting (SPEC §6 add-only). */
export const updateUserInput = userFieldsInput.extend({
  basicLicences: z
    .strictObject({
      basicMessaging: z.boolean().optional(),
      basicSpaceMeetings: z.boolean().optional(),
      callingFromWebex: z.boolean().optional(),
    })
    .optional()
    .describe(
      'Basic licences next to the package: true assigns, false removes; a licence left out: no change',
    ),
});

export const createUserInput = userFieldsInput.extend({ email: z.string().min(3).max(MAX.email) });

export const userOutput = z
  .object({
    id: z.string(),
    customerId: z.string(),
    email: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    displayName: z.string().nullable(),
    title: z.string().nullable(),
    department: z.string().nullable(),
    manager: z.string().nullable(),
    package: z.string().nullable(),
    attendantConsole: z.boolean(),
    basicLicences: z.object({
      basicMessaging: z.boolean(),
      basicSpaceMeetings: z.boolean(),
      callingFromWebex: z.boolean(),
    }),
    jabberCalling: z.boolean().nullable(),
    jabberWithWebexTeams: z.boolean().nullable(),
    preferredWebexSite: z.string().nullable(),
    preferredLanguage: z.string().nullable(),
    timeZone: z.string().nullable(),
    locationId: z.string().nullable(),
    locationName: z.string().nullable(),
    extension: z.string().nullable(),
    phoneNumber: z.string().nullable(),
    callerIdNumber: z.string().nullable(),
    callerIdFirstName: z.string().nullable(),
    callerIdLastName: z.string().nullable(),
    status: z.enum(['provisioned', 'pending_user_migration', 'error']),
    errors: z.array(z.object({ code: z.string(), description: z.string() })),
    suspended: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .describe('User');
