// Request and response schemas of the Wholesale API (SPEC §7), mirroring the public Webex Wholesale
// description field for field: its names, its enums, its `{errorCode, description}` errors. The
// contract test (test/contract/) checks our answers against the published schemas; these zod
// schemas are what the routes parse with and what /docs shows.
import { z } from 'zod';
import { isCountryCode } from '../../../domain/locale/country-code.ts';
import { isLanguageTag } from '../../../domain/locale/language-tag.ts';
import { FIELD_MAX_LENGTH } from '../../../domain/users/field-rules.ts';
import { canonicalTimeZone } from '../../../domain/users/user-text-rules.ts';

/** Every customer-level package the public API names; we support a subset (SELLABLE_IDS). */
export const PUBLIC_CUSTOMER_PACKAGES = [
  'common_area_calling',
  'webex_calling',
  'webex_meetings',
  'webex_suite',
  'webex_voice',
  'cx_essentials',
  'webex_calling_standard',
  'cisco_calling_plan',
  'attendant_console',
  'cx_premium_agent',
  'cx_standard_agent',
  'cx_voice_ports',
  'cx_ai_assistant',
  'webex_ai_agent',
] as const;

/** The six subscriber packages of the `package` field. */
export const PUBLIC_SUBSCRIBER_PACKAGE = [
  'webex_calling',
  'webex_meetings',
  'webex_suite',
  'webex_voice',
  'cx_essentials',
  'webex_calling_standard',
] as const;

/** Items of the `packages` array: the six, the add-on and two contact-centre agents. */
export const PUBLIC_SUBSCRIBER_PACKAGES = [
  ...PUBLIC_SUBSCRIBER_PACKAGE,
  'attendant_console',
  'cx_premium_agent',
  'cx_standard_agent',
] as const;

export const PUBLIC_CUSTOMER_STATUSES = [
  'provisioned',
  'provisioned_with_errors',
  'provisioning',
  'updating',
  'deleting',
  'error',
  'pending_rpl_review',
] as const;

export const PUBLIC_SUBSCRIBER_STATUSES = ['provisioned', 'pending_user_migration'] as const;
export const PUBLIC_PACKAGE_STATUSES = ['provisioned', 'provisioning', 'deleting', 'error'] as const;

export const customerPackageSchema = z.enum(PUBLIC_CUSTOMER_PACKAGES);
export const subscriberPackageSchema = z.enum(PUBLIC_SUBSCRIBER_PACKAGE);
export const subscriberPackagesItemSchema = z.enum(PUBLIC_SUBSCRIBER_PACKAGES);

// ---- shared pieces ----------------------------------------------------------------------------

export const publicErrorSchema = z
  .object({
    errorCode: z.number().int().describe('An error code that identifies the reason for the error.'),
    description: z.string().describe('A textual representation of the error code.'),
  })
  .describe('WholesaleError');
export type PublicError = z.infer<typeof publicErrorSchema>;

/** The body of every 4xx/5xx answer of the Wholesale API. */
export const publicErrorResponseSchema = z
  .object({
    message: z.string(),
    errors: z.array(publicErrorSchema),
    trackingId: z.string(),
  })
  .describe('WholesaleErrorResponse');
export type PublicErrorResponse = z.infer<typeof publicErrorResponseSchema>;

const text = (max?: number) => (max ? z.string().trim().min(1).max(max) : z.string().trim().min(1));

/** Address of a customer or a location; the public API requires line 1, city and country. */
export const publicAddressInputSchema = z.object({
  addressLine1: text(50),
  addressLine2: z.string().trim().max(50).optional(),
  city: text(),
  stateOrProvince: z.string().trim().optional(),
  zipOrPostalCode: z.string().trim().optional(),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'country must be an ISO 3166 alpha-2 code')
    .transform((value) => value.toUpperCase())
    .refine(isCountryCode, 'country must be an assigned ISO 3166-1 alpha-2 code'),
});

/** "The {ISO-639-1}_{ISO-3166} or {ISO-639-1} locale or language code" (public description). */
const languageSchema = z
  .string()
  .trim()
  .refine(
    isLanguageTag,
    'language must be an ISO 639-1 code, optionally _ and an ISO 3166-1 region (en, en_US)',
  );
export type PublicAddressInput = z.infer<typeof publicAddressInputSchema>;

/**
 * "Customer timezone", from the public "List of Time Zones for Wholesale Provisioning": IANA names
 * (`America/Los_Angeles`), and `UTC`. Free text or an unknown zone is refused (400), not stored for
 * a location to show as its time; a name in another case is stored in its IANA spelling.
 */
const timeZoneSchema = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const zone = canonicalTimeZone(value);
    // Intl also takes abbreviations (`EST`, `CET`) that are no place's zone: the locations API
    // refuses those too (a zone names a region, `Area/City`, or is UTC).
    if (zone === null || !(zone.includes('/') || zone === 'UTC')) {
      ctx.addIssue({
        code: 'custom',
        message: 'timezone must be an IANA time zone such as America/Los_Angeles',
      });
      return z.NEVER;
    }
    return zone;
  })
  .meta({ type: 'string', example: 'America/Los_Angeles' });

export const publicAddressSchema = z
  .object({
    addressLine1: z.string().optional(),
    addressLine2: z.string().optional(),
    city: z.string().optional(),
    stateOrProvince: z.string().optional(),
    zipOrPostalCode: z.string().optional(),
    country: z.string().optional(),
  })
  .describe('WholesaleAddress');
export type PublicAddress = z.infer<typeof publicAddressSchema>;

const locationInputSchema = z.object({
  name: text(80),
  address: publicAddressInputSchema,
  timezone: timeZoneSchema,
  language: languageSchema,
  // Checked as the string it is, and not kept: our locations have no emergency calling (SIP
  // headers are the calling platform's business), and the public location shape has no such field.
  emergencyLocationIdentifier: z
    .string()
    .trim()
    .optional()
    .describe('Accepted and not kept: Wholesale Hub locations have no emergency calling settings.'),
});

const packageLimitsSchema = z
  .object({
    webex_calling: z.number().int().min(0),
    common_area_calling: z.number().int().min(0),
    webex_meetings: z.number().int().min(0),
    webex_suite: z.number().int().min(0),
    webex_voice: z.number().int().min(0),
    cx_essentials: z.number().int().min(0),
    webex_calling_standard: z.number().int().min(0),
    attendant_console: z.number().int().min(0),
  })
  .partial();
export type PublicPackageLimits = z.infer<typeof packageLimitsSchema>;

export const provisioningParametersSchema = z.object({
  calling: z.object({ location: locationInputSchema }).optional(),
  // Checked (400 for what is no time zone) and not kept: we provision no Meetings sites, our
  // customer has no time zone of its own, and the public customer shape shows none.
  meetings: z
    .object({
      timezone: timeZoneSchema
        .optional()
        .describe(
          'An IANA time zone (400 otherwise). Accepted and not kept: Wholesale Hub provisions no Meetings sites.',
        ),
    })
    .optional(),
  packages: z.object({ limits: packageLimitsSchema.optional() }).optional(),
});
export type PublicProvisioningParameters = z.infer<typeof provisioningParametersSchema>;

const emailSchema = z.string().trim().pipe(z.email());

/**
 * "The email of the sub partner organization admin": checked as the email it is. Not kept: Wholesale
 * Hub has no sub-partners (onBehalfOfSubPartnerOrgId names none, 404), so there is no such admin.
 */
const subPartnerAdminEmailSchema = emailSchema
  .optional()
  .describe('An email address (400 otherwise). Accepted and not kept: Wholesale Hub has no sub-partners.');

// ---- customers --------------------------------------------------------------------------------

const customerInfoSchema = z.object({
  name: text(200).refine((name) => !name.includes('%'), 'name must not contain %'),
  primaryEmail: emailSchema,
  language: languageSchema.optional(),
});

export const customerCreateSchema = z
  .object({
    // Required and checked as published, then not kept: Wholesale Hub has no customer templates;
    // every customer is provisioned the one way SPEC §2 describes.
    provisioningId: text(),
    packages: z.array(customerPackageSchema).min(1),
    orgId: z.string().trim().optional(),
    externalId: text(200),
    address: publicAddressInputSchema,
    customerInfo: customerInfoSchema.optional(),
    provisioningParameters: provisioningParametersSchema.optional(),
    subPartnerAdminEmail: subPartnerAdminEmailSchema,
  })
  .describe('WholesaleCustomerCreate');
export type CustomerCreateRequest = z.infer<typeof customerCreateSchema>;

export const customerUpdateSchema = z
  .object({
    externalId: text(200).optional(),
    packages: z.array(customerPackageSchema).min(1),
    address: publicAddressInputSchema.optional(),
    provisioningParameters: provisioningParametersSchema.optional(),
    subPartnerAdminEmail: subPartnerAdminEmailSchema,
  })
  .describe('WholesaleCustomerUpdate');
export type CustomerUpdateRequest = z.infer<typeof customerUpdateSchema>;

/**
 * The create's body with only the address required (public description): every field given is
 * judged by the create's own field rules, so the precheck refuses what the create's edge refuses.
 */
export const customerValidateSchema = customerCreateSchema
  .omit({ subPartnerAdminEmail: true })
  .partial({ provisioningId: true, packages: true, externalId: true })
  .extend({ customerInfo: customerInfoSchema.partial({ name: true }).optional() })
  .describe('WholesaleCustomerValidate');
export type CustomerValidateRequest = z.infer<typeof customerValidateSchema>;

export const customerPackageDetailSchema = z.object({
  name: customerPackageSchema,
  status: z.enum(PUBLIC_PACKAGE_STATUSES),
  warnings: z.array(publicErrorSchema).optional(),
  errors: z.array(publicErrorSchema).optional(),
  /** Only with `includePackageLicenseInfo=true`, on provisioned packages (license-ids.ts). */
  licenseIds: z.array(z.string()).optional(),
});

export const publicCustomerSchema = z
  .object({
    id: z.string(),
    orgId: z.string().optional(),
    externalId: z.string(),
    address: publicAddressSchema,
    status: z.enum(PUBLIC_CUSTOMER_STATUSES),
    packages: z.array(customerPackageSchema),
    resourceDetails: z.object({ packages: z.array(customerPackageDetailSchema) }).optional(),
    errors: z.array(publicErrorSchema).optional(),
  })
  .describe('WholesaleCustomer');
export type PublicCustomer = z.infer<typeof publicCustomerSchema>;

/** The `Link` header of a list page that has a next page (declared for the OpenAPI document). */
const nextPageHeader = {
  Link: {
    type: 'string',
    description: 'When more items follow: `<…?offset=…&max=…>; rel="next"`, the next page.',
  },
};

export const customerListSchema = z
  .object({ items: z.array(publicCustomerSchema) })
  .describe('WholesaleCustomerList')
  .meta({ headers: nextPageHeader });

/** Query strings arrive as strings; `status` may repeat or be comma-separated. */
const statusList = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((raw) => (Array.isArray(raw) ? raw : [raw]).flatMap((item) => item.split(',')))
    .transform((items) => items.map((item) => item.trim()).filter((item) => item !== ''))
    .pipe(z.array(z.enum(values)));

export const customerListQuerySchema = z.object({
  externalId: z.string().optional(),
  orgId: z.string().optional(),
  status: statusList(PUBLIC_CUSTOMER_STATUSES).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  max: z.coerce.number().int().min(1).max(1000).default(100),
  onBehalfOfSubPartnerOrgId: z.string().optional(),
});
export type CustomerListQuery = z.infer<typeof customerListQuerySchema>;

export const resourceUrlSchema = z.object({ url: z.string() }).describe('WholesaleResourceUrl');

/**
 * The 202 of customer create and update: `{url}` plus the `Location` header the public
 * description declares. @fastify/swagger reads a response schema's `headers` keyword, which zod
 * passes through from the metadata; serialization ignores it.
 */
export const acceptedWithLocationSchema = resourceUrlSchema.meta({
  headers: {
    Location: { type: 'string', description: 'The path of the customer, e.g. /v1/wholesale/customers/{id}.' },
  },
});

/** Get a Wholesale Customer: the customer, and its path in `Location` as published. */
export const customerWithLocationSchema = publicCustomerSchema.meta({
  headers: {
    Location: { type: 'string', description: 'The path of the customer, e.g. /v1/wholesale/customers/{id}.' },
  },
});

// ---- subscribers ------------------------------------------------------------------------------

/** Digits and the separators normalize-phone.ts reads; two linear tests, no backtracking. */
const PHONE_CHARACTERS = /^\+?[\d\s\-\u2013()./]+$/;

const subscriberParametersSchema = z.object({
  firstName: z.string().trim().max(FIELD_MAX_LENGTH.firstName).optional(),
  lastName: z.string().trim().max(FIELD_MAX_LENGTH.lastName).optional(),
  // The shape any phone number has (E.164 or national, with the separators people write); which
  // number it is, is read with the location's country where the parameters are used. A Meetings
  // subscriber's parameters are ignored (subscriber-calling-parameters.ts), but not unchecked.
  primaryPhoneNumber: z
    .string()
    .trim()
    .min(1)
    .max(FIELD_MAX_LENGTH.phoneNumber)
    .refine(
      (value) => PHONE_CHARACTERS.test(value) && /\d/.test(value),
      'primaryPhoneNumber must be a phone number such as +12405551212',
    )
    .optional(),
  extension: z
    .string()
    .trim()
    .max(FIELD_MAX_LENGTH.extension)
    .regex(/^[0-9]+$/, 'extension must be digits only')
    .optional(),
  locationId: z.string().trim().min(1).optional(),
});

/** "Either `packages` or `package` field is required but not both" (public description). */
function onePackageField(
  value: { package?: string | undefined; packages?: readonly string[] | undefined },
  ctx: z.RefinementCtx,
): void {
  const hasOne = value.package !== undefined;
  const hasMany = value.packages !== undefined;
  if (hasOne === hasMany) {
    ctx.addIssue({ code: 'custom', message: 'Either packages or package is required, but not both.' });
  }
}

/**
 * The precheck's "email only" variant names no package, so neither is allowed there; both still
 * contradict each other ("Either `packages` or `package` field is required but not both").
 */
function notBothPackageFields(
  value: { package?: string | undefined; packages?: readonly string[] | undefined },
  ctx: z.RefinementCtx,
): void {
  if (value.package !== undefined && value.packages !== undefined) {
    ctx.addIssue({ code: 'custom', message: 'Either packages or package is required, but not both.' });
  }
}

export const subscriberCreateSchema = z
  .object({
    customerId: text(),
    email: emailSchema,
    package: subscriberPackageSchema.optional(),
    packages: z.array(subscriberPackagesItemSchema).min(1).optional(),
    provisioningParameters: subscriberParametersSchema,
  })
  .superRefine(onePackageField)
  .describe('WholesaleSubscriberCreate');
export type SubscriberCreateRequest = z.infer<typeof subscriberCreateSchema>;

export const subscriberUpdateSchema = z
  .object({
    // Unlike create, the published update types `package` with the nine `packages` items; the
    // service refuses what it cannot assign (the add-on alone, the contact-centre agents).
    package: subscriberPackagesItemSchema.optional(),
    packages: z.array(subscriberPackagesItemSchema).min(1).optional(),
    provisioningParameters: subscriberParametersSchema
      .pick({ primaryPhoneNumber: true, extension: true, locationId: true })
      .optional(),
  })
  .superRefine(onePackageField)
  .describe('WholesaleSubscriberUpdate');
export type SubscriberUpdateRequest = z.infer<typeof subscriberUpdateSchema>;

export const subscriberValidateSchema = z
  .object({
    // Checked as the string it is, not kept: Wholesale Hub has no customer templates.
    provisioningId: z.string().optional(),
    // As the create takes it: an empty id names no customer, it does not stand for "none".
    customerId: text().optional(),
    email: emailSchema,
    package: subscriberPackageSchema.optional(),
    packages: z.array(subscriberPackagesItemSchema).min(1).optional(),
    provisioningParameters: subscriberParametersSchema.optional(),
    customerInfo: z.object({ primaryEmail: emailSchema }).optional(),
  })
  .superRefine(notBothPackageFields)
  .describe('WholesaleSubscriberValidate');
export type SubscriberValidateRequest = z.infer<typeof subscriberValidateSchema>;

export const publicSubscriberSchema = z
  .object({
    id: z.string(),
    personId: z.string().optional(),
    email: z.string(),
    customerId: z.string(),
    externalCustomerId: z.string(),
    package: subscriberPackageSchema.optional(),
    packages: z.array(subscriberPackagesItemSchema),
    status: z.enum(PUBLIC_SUBSCRIBER_STATUSES),
    errors: z.array(publicErrorSchema).optional(),
    created: z.string(),
    lastStatusChange: z.string(),
  })
  .describe('WholesaleSubscriber');
export type PublicSubscriber = z.infer<typeof publicSubscriberSchema>;

/** Provision, get and update a subscriber: the subscriber, and its path in `Location` as published. */
export const subscriberWithLocationSchema = publicSubscriberSchema.meta({
  headers: {
    Location: {
      type: 'string',
      description: 'The path of the subscriber, e.g. /v1/wholesale/subscribers/{id}.',
    },
  },
});

export const subscriberListSchema = z
  .object({ items: z.array(publicSubscriberSchema) })
  .describe('WholesaleSubscriberList')
  .meta({ headers: nextPageHeader });

/** Epoch milliseconds preferred, ISO 8601 accepted (public description of `after`). */
const instant = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    const date = /^\d+$/.test(raw) ? new Date(Number(raw)) : new Date(raw);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'expected epoch milliseconds or an ISO 8601 date' });
      return z.NEVER;
    }
    return date;
  });

export const subscriberListQuerySchema = z.object({
  max: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  customerId: z.string().optional(),
  personId: z.string().optional(),
  externalCustomerId: z.string().optional(),
  email: z.string().trim().optional(),
  status: statusList(PUBLIC_SUBSCRIBER_STATUSES).optional(),
  after: instant.optional(),
  lastStatusChange: instant.optional(),
  // `userCreationTimestamp` is the value the public example uses; it means `created`.
  sortBy: z
    .enum(['created', 'lastStatusChange', 'userCreationTimestamp'])
    .transform((value) => (value === 'userCreationTimestamp' ? 'created' : value))
    .default('created'),
  sortOrder: z
    .string()
    .transform((value) => value.toUpperCase())
    .pipe(z.enum(['ASC', 'DESC']))
    .default('ASC'),
  onBehalfOfSubPartnerOrgId: z.string().optional(),
});
export type SubscriberListQuery = z.infer<typeof subscriberListQuerySchema>;

// ---- prechecks --------------------------------------------------------------------------------

export const precheckInfoSchema = z.object({ infoCode: z.number().int(), description: z.string() });

/** `info` is an array, as in the public examples (its schema says object: see the contract test). */
export const precheckResponseSchema = z
  .object({ message: z.string(), info: z.array(precheckInfoSchema) })
  .describe('WholesalePrecheckResponse');
export type PrecheckResponse = z.infer<typeof precheckResponseSchema>;

// ---- parameters every operation takes -------------------------------------------------------

/** Accepted on every operation, as published; no sub-partners here, so one named is not found (404). */
export const onBehalfQuerySchema = z.object({
  onBehalfOfSubPartnerOrgId: z
    .string()
    .optional()
    .describe('The encoded organization ID for the sub partner.'),
});

// ---- path parameters --------------------------------------------------------------------------

export const customerIdParamsSchema = z.object({ customerId: z.string().min(1) });
/** `true`/`false` (also 1/0, yes/no); documented as the boolean it is. */
export const includePackageLicenseInfoSchema = z
  .stringbool()
  .meta({ type: 'boolean', description: 'If true, the licenseIds of every provisioned package.' })
  .optional();

export const subscriberIdParamsSchema = z.object({ subscriberId: z.string().min(1) });
