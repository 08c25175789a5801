// A customer with directory sync on and a SCIM token, plus small helpers to talk SCIM in-process.
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import type { TestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';

export const SCIM_JSON = 'application/scim+json';
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PRODUCT = 'urn:wholesale-hub:params:scim:schemas:extension:product:2.0:User';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

export interface ScimCustomer {
  readonly customerId: string;
  readonly token: string;
  readonly base: string;
  request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

/** A customer whose default package template is Webex Meetings (no number needed), sync on, one token. */
export async function createScimCustomer(
  testApp: TestApp,
  defaultPackage: string | null = 'webex_meetings',
): Promise<ScimCustomer> {
  const customer = await createTestCustomer(testApp.database.db, testApp.partnerId);
  await testApp.database.db
    .updateTable('customers')
    .set({ default_package: defaultPackage, status: 'provisioned', updated_at: sql`now()` })
    .where('id', '=', customer.id)
    .execute();
  const auth = testApp.auth(testApp.tokens.partnerFull);
  const sync = await testApp.app.inject({
    method: 'POST',
    url: `/v1/customers/${customer.id}/directory-sync`,
    headers: auth,
  });
  if (sync.statusCode !== 200) throw new Error(`directory-sync: ${sync.statusCode} ${sync.body}`);
  const created = await testApp.app.inject({
    method: 'POST',
    url: `/v1/customers/${customer.id}/scim-tokens`,
    headers: auth,
    payload: { name: 'Entra' },
  });
  if (created.statusCode !== 201) throw new Error(`scim-tokens: ${created.statusCode} ${created.body}`);
  const token = (created.json() as { token: string }).token;
  const base = `/scim/v2/${customer.id}`;
  return {
    customerId: customer.id,
    token,
    base,
    request: (method, path, body, headers = {}) =>
      testApp.app.inject({
        method,
        url: `${base}${path}`,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body !== undefined ? { 'content-type': SCIM_JSON } : {}),
          ...headers,
        },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      }),
  };
}

export function scimUser(userName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemas: [USER_SCHEMA],
    userName,
    active: true,
    name: { givenName: 'Given', familyName: 'Family' },
    ...extra,
  };
}

/**
 * Adds a user through the admin API, as if it existed before directory sync was turned on: manual
 * adds are refused while sync is on (ADR 0067), so sync goes off for the add and on again after.
 */
export async function addUserOutsideScim(
  testApp: TestApp,
  scim: ScimCustomer,
  payload: Record<string, unknown>,
): Promise<LightMyRequestResponse> {
  const auth = testApp.auth(testApp.tokens.partnerFull);
  const sync = (method: 'POST' | 'DELETE') =>
    testApp.app.inject({ method, url: `/v1/customers/${scim.customerId}/directory-sync`, headers: auth });
  await sync('DELETE');
  const added = await testApp.app.inject({
    method: 'POST',
    url: `/v1/customers/${scim.customerId}/users`,
    headers: auth,
    payload,
  });
  const on = await sync('POST');
  if (on.statusCode !== 200) throw new Error(`directory-sync: ${on.statusCode} ${on.body}`);
  return added;
}
