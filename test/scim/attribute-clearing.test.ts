// Clearing each attribute of a SCIM User, every way a client can ask for it (RFC 7644 §3.5.1 PUT,
// §3.5.2 PATCH remove / replace with "" or null / path-less). Each clear either changes the stored
// user (GET shows it gone, the write is audited) or is a 400 whose scimType says why and whose detail
// names the attribute, changing nothing. Never a 2xx that keeps the value, except a PUT that leaves
// out an attribute the server keeps when not asserted (package, location, extension, active, groups).
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import type { ScimCustomer } from './scim-harness.ts';
import {
  createScimCustomer,
  ENTERPRISE,
  GROUP_SCHEMA,
  PATCH_OP,
  PRODUCT,
  USER_SCHEMA,
} from './scim-harness.ts';

// About 1 300 requests with one token: above the default per-token limit of a minute.
const testApp = useTestApp({ env: { RATE_LIMIT_API_PER_MINUTE: '100000' } });

type Kind = 'string' | 'multi' | 'complex' | 'boolean';
type Refusal = 'mutability' | 'invalidValue' | 'noTarget';

interface AttributeCase {
  /** Where it lives: the core schema or an extension URN. */
  readonly urn?: string;
  readonly attr: string;
  readonly sub?: string;
  readonly kind: Kind;
  /** Every clear of it is refused with this scimType (else every clear must change the user). */
  readonly refusedAs?: Refusal;
  /** A PUT that leaves it out keeps it (RFC 7644 §3.5.1: not asserted), as documented. */
  readonly putOmitKeeps?: boolean;
  /** A PUT that sends it empty keeps it (read-only: values sent are ignored, RFC 7644 §3.5.1). */
  readonly putEmptyKeeps?: boolean;
  /** Once cleared, GET still shows the identity email (userName) as the one work email. */
  readonly identityRemains?: boolean;
}

const core = (attr: string, kind: Kind, extra: Partial<AttributeCase> = {}): AttributeCase => ({
  attr,
  kind,
  ...extra,
});
const name = (sub: string): AttributeCase => ({ attr: 'name', sub, kind: 'string' });
const enterprise = (attr: string, kind: Kind = 'string'): AttributeCase => ({ urn: ENTERPRISE, attr, kind });
const product = (attr: string): AttributeCase => ({
  urn: PRODUCT,
  attr,
  kind: 'string',
  refusedAs: 'mutability',
  putOmitKeeps: true,
});

const multi = (value: string, type: string) => [{ value, type, primary: true }];

/** Every attribute of the three User schemas (src/scim/discovery/schema-definitions.ts). */
const ATTRIBUTES: readonly AttributeCase[] = [
  core('userName', 'string', { refusedAs: 'invalidValue' }),
  core('externalId', 'string'),
  core('name', 'complex'),
  name('formatted'),
  name('familyName'),
  name('givenName'),
  name('middleName'),
  name('honorificPrefix'),
  name('honorificSuffix'),
  core('displayName', 'string'),
  core('nickName', 'string'),
  core('profileUrl', 'string'),
  core('title', 'string'),
  core('userType', 'string'),
  core('preferredLanguage', 'string'),
  core('locale', 'string'),
  core('timezone', 'string'),
  core('active', 'boolean', { refusedAs: 'invalidValue', putOmitKeeps: true }),
  core('emails', 'multi', { identityRemains: true }),
  core('phoneNumbers', 'multi'),
  core('ims', 'multi'),
  core('photos', 'multi'),
  core('addresses', 'multi'),
  core('groups', 'multi', { refusedAs: 'mutability', putOmitKeeps: true, putEmptyKeeps: true }),
  core('entitlements', 'multi'),
  core('roles', 'multi'),
  core('x509Certificates', 'multi'),
  enterprise('employeeNumber'),
  enterprise('costCenter'),
  enterprise('organization'),
  enterprise('division'),
  enterprise('department'),
  // Entra sends the manager's id as a bare string, so "" is read as `manager.value` "": a clear.
  enterprise('manager'),
  product('package'),
  product('location'),
  product('extension'),
];

let extensions = 2000;

/** A user with every attribute set; the identity email is userName, `emails` adds a second one. */
function fullUser(userName: string): Record<string, unknown> {
  return {
    schemas: [USER_SCHEMA, ENTERPRISE, PRODUCT],
    userName,
    externalId: `ext-${userName}`,
    name: {
      formatted: 'Ms. Ada B. Lovelace III',
      familyName: 'Lovelace',
      givenName: 'Ada',
      middleName: 'B.',
      honorificPrefix: 'Ms.',
      honorificSuffix: 'III',
    },
    displayName: 'Ada Lovelace',
    nickName: 'Ada',
    profileUrl: 'https://profiles.example/ada',
    title: 'Engineer',
    userType: 'Employee',
    preferredLanguage: 'en-GB',
    locale: 'en-GB',
    timezone: 'Europe/London',
    active: true,
    emails: [
      { value: userName, type: 'work', primary: true },
      { value: `home-${userName}`, type: 'home' },
    ],
    phoneNumbers: multi('+31201234567', 'work'),
    ims: multi('ada@xmpp.example', 'xmpp'),
    photos: multi('https://photos.example/ada.jpg', 'photo'),
    addresses: [{ streetAddress: 'Main 1', locality: 'London', country: 'GB', type: 'work', primary: true }],
    entitlements: multi('admin', 'app'),
    roles: multi('engineer', 'job'),
    x509Certificates: multi('MIIBIjAN', 'cert'),
    [ENTERPRISE]: {
      employeeNumber: '701984',
      costCenter: 'CC-42',
      organization: 'Analytical',
      division: 'Engines',
      department: 'Research',
      manager: { value: 'mgr-1' },
    },
    [PRODUCT]: { package: 'webex_calling', location: 'HQ', extension: String(extensions++) },
  };
}

function containerOf(resource: Record<string, unknown>, a: AttributeCase, create: boolean) {
  if (a.urn === undefined) return resource;
  const found = resource[a.urn];
  if (typeof found === 'object' && found !== null) return found as Record<string, unknown>;
  if (!create) return undefined;
  const made: Record<string, unknown> = {};
  resource[a.urn] = made;
  return made;
}

function read(resource: Record<string, unknown>, a: AttributeCase): unknown {
  const value = containerOf(resource, a, false)?.[a.attr];
  if (a.sub === undefined) return value;
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[a.sub] : undefined;
}

/** Sets (or with `undefined`, deletes) the attribute in a body. */
function write(body: Record<string, unknown>, a: AttributeCase, value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  const container = containerOf(copy, a, true) as Record<string, unknown>;
  const target = a.sub === undefined ? container : ((container[a.attr] ??= {}) as Record<string, unknown>);
  const key = a.sub ?? a.attr;
  if (value === undefined) delete target[key];
  else target[key] = value;
  return copy;
}

function pathOf(a: AttributeCase): string {
  const local = a.sub === undefined ? a.attr : `${a.attr}.${a.sub}`;
  return a.urn === undefined ? local : `${a.urn}:${local}`;
}

function emptyOf(a: AttributeCase): unknown {
  if (a.kind === 'multi') return [];
  if (a.kind === 'string') return '';
  return null;
}

function label(a: AttributeCase): string {
  return a.sub === undefined ? a.attr : `${a.attr}.${a.sub}`;
}

const patch = (operation: Record<string, unknown>) => ({ schemas: [PATCH_OP], Operations: [operation] });

type Operation =
  | 'PATCH remove'
  | 'PATCH replace ""'
  | 'PATCH replace null'
  | 'PATCH path-less empty'
  | 'PUT omitting'
  | 'PUT empty';
const OPERATIONS: readonly Operation[] = [
  'PATCH remove',
  'PATCH replace ""',
  'PATCH replace null',
  'PATCH path-less empty',
  'PUT omitting',
  'PUT empty',
];

function request(a: AttributeCase, operation: Operation, body: Record<string, unknown>) {
  const path = pathOf(a);
  switch (operation) {
    case 'PATCH remove':
      return { method: 'PATCH' as const, body: patch({ op: 'remove', path }) };
    case 'PATCH replace ""':
      return { method: 'PATCH' as const, body: patch({ op: 'replace', path, value: '' }) };
    case 'PATCH replace null':
      return { method: 'PATCH' as const, body: patch({ op: 'replace', path, value: null }) };
    case 'PATCH path-less empty':
      return { method: 'PATCH' as const, body: patch({ op: 'replace', value: write({}, a, emptyOf(a)) }) };
    case 'PUT omitting':
      return { method: 'PUT' as const, body: write(body, a, undefined) };
    case 'PUT empty':
      return { method: 'PUT' as const, body: write(body, a, emptyOf(a)) };
  }
}

function isCleared(value: unknown, a: AttributeCase, userName: string): boolean {
  if (a.identityRemains === true)
    return JSON.stringify(value) === JSON.stringify([{ value: userName, type: 'work', primary: true }]);
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

/**
 * What each clear does (docs/scim-conformance.md, "Clearing attributes"): it clears, a PUT keeps
 * what it does not assert, or it is refused with this scimType. Never a 2xx that keeps the value.
 */
function expectedOutcome(a: AttributeCase, operation: Operation): 'clears' | 'keeps' | Refusal {
  if (operation === 'PUT omitting' && a.putOmitKeeps === true) return 'keeps';
  if (operation === 'PUT empty' && a.putEmptyKeeps === true) return 'keeps';
  if (a.refusedAs !== undefined) return a.refusedAs;
  // "" is no list and no object: a malformed value, never read as empty.
  if (operation === 'PATCH replace ""' && a.kind !== 'string') return 'invalidValue';
  return 'clears';
}

describe('SCIM: clearing each User attribute changes the user or is a 400 naming it', () => {
  let scim: ScimCustomer;
  const cases = ATTRIBUTES.flatMap((a) => OPERATIONS.map((operation) => [label(a), operation, a] as const));
  /**
   * A user of its own for each case (by index), every attribute set and a member of the group. They
   * are all made before the first case, and joined to the group in one PATCH: a case clears only its
   * own user, so none sees what another did, and the file makes each user once instead of paying a
   * create, a join and a delete per case.
   */
  const usersOfCases: { id: string; userName: string; body: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    scim = await createScimCustomer(testApp());
    const location = await testApp().app.inject({
      method: 'POST',
      url: `/v1/customers/${scim.customerId}/locations`,
      headers: testApp().auth(testApp().tokens.partnerFull),
      payload: { name: 'HQ', country: 'NL', timeZone: 'Europe/Amsterdam' },
    });
    expect(location.statusCode, location.body).toBe(201);
    for (const [index] of cases.entries()) {
      const userName = `u${index + 1}@clear.example`;
      const body = fullUser(userName);
      const created = await scim.request('POST', '/Users', body);
      expect(created.statusCode, created.body).toBe(201);
      usersOfCases.push({ id: (created.json() as { id: string }).id, userName, body });
    }
    const group = await scim.request('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Everyone' });
    expect(group.statusCode, group.body).toBe(201);
    const groupId = (group.json() as { id: string }).id;
    const joined = await scim.request(
      'PATCH',
      `/Groups/${groupId}`,
      patch({ op: 'add', path: 'members', value: usersOfCases.map(({ id }) => ({ value: id })) }),
    );
    expect(joined.statusCode, joined.body).toBe(204);
  });

  async function auditCount(id: string): Promise<number> {
    const rows = await testApp()
      .database.db.selectFrom('audit_events')
      .select('id')
      .where('target_id', '=', id)
      .execute();
    return rows.length;
  }

  it.each(cases.map(([caseLabel, operation, a], index) => [caseLabel, operation, a, index] as const))(
    '%s: %s',
    async (_label, operation, a, index) => {
      const { id, userName, body } = usersOfCases[index]!;
      await clearAndCheck(id, userName, body, operation, a);
    },
  );

  async function clearAndCheck(
    id: string,
    userName: string,
    body: Record<string, unknown>,
    operation: Operation,
    a: AttributeCase,
  ): Promise<void> {
    const before = (await scim.request('GET', `/Users/${id}`)).json() as Record<string, unknown>;
    const held = read(before, a);
    expect(isCleared(held, a, userName), `${label(a)} must be set before: ${JSON.stringify(held)}`).toBe(
      false,
    );
    const audited = await auditCount(id);

    const sent = request(a, operation, body);
    const answer = await scim.request(sent.method, `/Users/${id}`, sent.body);
    const now = read((await scim.request('GET', `/Users/${id}`)).json() as Record<string, unknown>, a);

    const outcome = expectedOutcome(a, operation);
    if (outcome === 'keeps') {
      expect(answer.statusCode, answer.body).toBe(200);
      expect(now).toEqual(held);
      return;
    }
    if (outcome !== 'clears') {
      expect(answer.statusCode, `${label(a)}: ${answer.body}`).toBe(400);
      const error = answer.json() as { scimType?: string; detail?: string };
      expect(error.scimType, answer.body).toBe(outcome);
      expect(error.detail, answer.body).toContain(`${a.attr}`);
      expect(now, 'a refused clear changes nothing').toEqual(held);
      expect(await auditCount(id), 'a refused clear audits nothing').toBe(audited);
      return;
    }
    expect(answer.statusCode, `a clear of ${label(a)} must succeed: ${answer.body}`).toBeLessThan(300);
    expect(isCleared(now, a, userName), `${label(a)} still ${JSON.stringify(now)} after a 2xx`).toBe(true);
    expect(await auditCount(id), 'the clear is audited').toBeGreaterThan(audited);
  }
});
