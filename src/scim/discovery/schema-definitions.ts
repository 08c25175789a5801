import { PACKAGE_IDS } from '../../domain/packages/catalog.ts';
import type { JsonObject } from '../json.ts';
import {
  CORE_GROUP_SCHEMA,
  CORE_USER_SCHEMA,
  ENTERPRISE_USER_SCHEMA,
  PRODUCT_USER_SCHEMA,
} from '../schema-urns.ts';

// The schemas this server serves at /Schemas (RFC 7643 §7, §8.7). Also the source of attribute
// spellings (incoming `"Primary"` becomes `primary`), multi-valued and caseExact facts.

type AttributeType = 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'complex';

interface AttributeOptions {
  readonly multiValued?: boolean;
  readonly required?: boolean;
  readonly caseExact?: boolean;
  readonly mutability?: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  readonly returned?: 'always' | 'never' | 'default' | 'request';
  readonly uniqueness?: 'none' | 'server' | 'global';
  readonly subAttributes?: readonly SchemaAttribute[];
  readonly canonicalValues?: readonly string[];
  readonly referenceTypes?: readonly string[];
}

export interface SchemaAttribute extends JsonObject {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: string;
  returned: string;
  uniqueness: string;
}

function attr(
  name: string,
  type: AttributeType,
  description: string,
  options: AttributeOptions = {},
): SchemaAttribute {
  const definition: SchemaAttribute = {
    name,
    type,
    multiValued: options.multiValued ?? false,
    description,
    required: options.required ?? false,
    caseExact: options.caseExact ?? false,
    mutability: options.mutability ?? 'readWrite',
    returned: options.returned ?? 'default',
    uniqueness: options.uniqueness ?? 'none',
  };
  if (options.subAttributes) definition.subAttributes = [...options.subAttributes];
  if (options.canonicalValues) definition.canonicalValues = [...options.canonicalValues];
  if (options.referenceTypes) definition.referenceTypes = [...options.referenceTypes];
  return definition;
}

/** value/display/type/primary of a multi-valued attribute (RFC 7643 §2.4). */
function multiValuedOf(
  name: string,
  description: string,
  types: readonly string[],
  valueType: AttributeType = 'string',
): SchemaAttribute {
  return attr(name, 'complex', description, {
    multiValued: true,
    subAttributes: [
      attr('value', valueType, `The ${name} value.`),
      attr('display', 'string', 'A human-readable name, primarily used for display purposes.'),
      attr('type', 'string', `A label indicating the attribute's function.`, { canonicalValues: types }),
      attr('primary', 'boolean', 'Indicates the primary or preferred value; at most one is true.'),
    ],
  });
}

const userAttributes: SchemaAttribute[] = [
  attr(
    'userName',
    'string',
    'Unique identifier for the User, typically used by the user to directly authenticate to the service provider.',
    { required: true, uniqueness: 'server' },
  ),
  attr('name', 'complex', "The components of the user's real name.", {
    subAttributes: [
      attr('formatted', 'string', 'The full name, including all middle names, titles, and suffixes.'),
      attr('familyName', 'string', 'The family name of the User.'),
      attr('givenName', 'string', 'The given name of the User.'),
      attr('middleName', 'string', 'The middle name(s) of the User.'),
      attr('honorificPrefix', 'string', 'The honorific prefix(es) of the User.'),
      attr('honorificSuffix', 'string', 'The honorific suffix(es) of the User.'),
    ],
  }),
  attr('displayName', 'string', 'The name of the User, suitable for display to end-users.'),
  attr('nickName', 'string', 'The casual way to address the user in real life.'),
  attr(
    'profileUrl',
    'reference',
    "A fully qualified URL pointing to a page representing the User's online profile.",
    { referenceTypes: ['external'] },
  ),
  attr('title', 'string', 'The user\'s title, such as "Vice President".'),
  attr('userType', 'string', 'Used to identify the relationship between the organization and the user.'),
  attr('preferredLanguage', 'string', "Indicates the User's preferred written or spoken language."),
  attr('locale', 'string', "Used to indicate the User's default location for purposes of localizing items."),
  attr('timezone', 'string', "The User's time zone in the 'Olson' time zone database format."),
  attr(
    'active',
    'boolean',
    "A Boolean value indicating the User's administrative status. False suspends the user.",
  ),
  attr('password', 'string', "The User's cleartext password; never returned.", {
    mutability: 'writeOnly',
    returned: 'never',
  }),
  multiValuedOf('emails', 'Email addresses for the user.', ['work', 'home', 'other']),
  multiValuedOf('phoneNumbers', 'Phone numbers for the User.', [
    'work',
    'home',
    'mobile',
    'fax',
    'pager',
    'other',
  ]),
  multiValuedOf('ims', 'Instant messaging addresses for the User.', [
    'aim',
    'gtalk',
    'icq',
    'xmpp',
    'msn',
    'skype',
    'qq',
    'yahoo',
  ]),
  multiValuedOf('photos', 'URLs of photos of the User.', ['photo', 'thumbnail'], 'reference'),
  attr('addresses', 'complex', 'A physical mailing address for this User.', {
    multiValued: true,
    subAttributes: [
      attr(
        'formatted',
        'string',
        'The full mailing address, formatted for display or use with a mailing label.',
      ),
      attr('streetAddress', 'string', 'The full street address component.'),
      attr('locality', 'string', 'The city or locality component.'),
      attr('region', 'string', 'The state or region component.'),
      attr('postalCode', 'string', 'The zip code or postal code component.'),
      attr('country', 'string', 'The country name component.'),
      attr('type', 'string', "A label indicating the attribute's function.", {
        canonicalValues: ['work', 'home', 'other'],
      }),
      attr('primary', 'boolean', 'Indicates the primary address.'),
    ],
  }),
  attr('groups', 'complex', 'A list of groups to which the user belongs.', {
    multiValued: true,
    mutability: 'readOnly',
    subAttributes: [
      attr('value', 'string', "The identifier of the User's group.", { mutability: 'readOnly' }),
      attr('$ref', 'reference', 'The URI of the corresponding Group resource.', {
        mutability: 'readOnly',
        caseExact: true,
        referenceTypes: ['Group'],
      }),
      attr('display', 'string', 'A human-readable name.', { mutability: 'readOnly' }),
      attr('type', 'string', 'direct or indirect.', {
        mutability: 'readOnly',
        canonicalValues: ['direct', 'indirect'],
      }),
    ],
  }),
  multiValuedOf('entitlements', 'A list of entitlements for the User.', []),
  multiValuedOf('roles', 'A list of roles for the User.', []),
  multiValuedOf('x509Certificates', 'A list of certificates issued to the User.', []),
];

const groupAttributes: SchemaAttribute[] = [
  attr('displayName', 'string', 'A human-readable name for the Group.', { required: true }),
  attr('members', 'complex', 'A list of members of the Group.', {
    multiValued: true,
    subAttributes: [
      attr('value', 'string', 'Identifier of the member of this Group.', { mutability: 'immutable' }),
      attr('$ref', 'reference', 'The URI of the member resource.', {
        mutability: 'immutable',
        caseExact: true,
        referenceTypes: ['User'],
      }),
      attr('display', 'string', 'A human-readable name of the member.', { mutability: 'immutable' }),
      attr('type', 'string', 'The type of member.', { mutability: 'immutable', canonicalValues: ['User'] }),
    ],
  }),
];

const enterpriseAttributes: SchemaAttribute[] = [
  attr('employeeNumber', 'string', 'Numeric or alphanumeric identifier assigned to a person.'),
  attr('costCenter', 'string', 'Identifies the name of a cost center.'),
  attr('organization', 'string', 'Identifies the name of an organization.'),
  attr('division', 'string', 'Identifies the name of a division.'),
  attr('department', 'string', 'Identifies the name of a department.'),
  attr('manager', 'complex', "The User's manager.", {
    subAttributes: [
      attr('value', 'string', "The id of the SCIM resource representing the User's manager."),
      attr('$ref', 'reference', "The URI of the manager's resource.", {
        caseExact: true,
        referenceTypes: ['User'],
      }),
      attr('displayName', 'string', "The displayName of the User's manager.", { mutability: 'readOnly' }),
    ],
  }),
];

const productAttributes: SchemaAttribute[] = [
  attr(
    'package',
    'string',
    "The Wholesale package of the user (e.g. webex_calling); absent when the user has none. Without it a new user gets the customer's default package template. A held package can be changed to another, not cleared: remove or an empty value answers 400 mutability (remove the user instead); a PUT that leaves it out keeps it.",
    {
      // The ids of SPEC §3's catalog, the one list of packages.
      canonicalValues: PACKAGE_IDS,
    },
  ),
  attr(
    'location',
    'string',
    'Name of the customer location of the user (needed by calling packages). While the package includes calling, a held location can be changed, not cleared (400 mutability); a package without calling releases it.',
  ),
  attr(
    'extension',
    'string',
    'The internal extension of the user (digits). While the package includes calling, a held extension can be changed, not cleared (400 mutability); a package without calling releases it.',
  ),
];

function schema(id: string, name: string, description: string, attributes: SchemaAttribute[]): JsonObject {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
    id,
    name,
    description,
    attributes,
    meta: { resourceType: 'Schema', location: `/Schemas/${id}` },
  };
}

export const SCHEMAS: readonly JsonObject[] = [
  schema(CORE_USER_SCHEMA, 'User', 'User Account', userAttributes),
  schema(CORE_GROUP_SCHEMA, 'Group', 'Group', groupAttributes),
  schema(ENTERPRISE_USER_SCHEMA, 'EnterpriseUser', 'Enterprise User', enterpriseAttributes),
  schema(
    PRODUCT_USER_SCHEMA,
    'WholesaleUser',
    'Wholesale Hub package, location and extension of a user',
    productAttributes,
  ),
];

export const ATTRIBUTES_BY_SCHEMA: ReadonlyMap<string, readonly SchemaAttribute[]> = new Map([
  [CORE_USER_SCHEMA, userAttributes],
  [CORE_GROUP_SCHEMA, groupAttributes],
  [ENTERPRISE_USER_SCHEMA, enterpriseAttributes],
  [PRODUCT_USER_SCHEMA, productAttributes],
]);
