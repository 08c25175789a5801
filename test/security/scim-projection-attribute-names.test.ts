// `attributes` and `excludedAttributes` name attributes "in standard attribute notation"
// (RFC 7644 §3.9, §3.10): ATTRNAME = ALPHA *(nameChar) (RFC 7643 §2.1). `__proto__` is not one,
// so it is a malformed request: 400 invalidPath, whatever the resource type and whether or not any
// resource is there to project. The names were read only while projecting each resource, so a list
// of no resources (a customer's Groups before its first group) answered 200 where one of some
// answered 400, and a write was made before its answer's projection failed. A well-formed name the
// schema does not have (`constructor`) still selects nothing: 200.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import {
  createScimCustomer,
  GROUP_SCHEMA,
  PATCH_OP,
  scimUser,
  type ScimCustomer,
} from '../scim/scim-harness.ts';

interface ListBody {
  readonly totalResults: number;
}

describe('SCIM attributes and excludedAttributes with names that are not attribute names', () => {
  const harness = useTestApp();
  /** One user and one group. */
  let filled: ScimCustomer;
  /** No users, no groups. */
  let empty: ScimCustomer;
  let userId = '';
  let groupId = '';

  beforeAll(async () => {
    filled = await createScimCustomer(harness());
    empty = await createScimCustomer(harness());
    const user = await filled.request('POST', '/Users', scimUser('anna@projection.example'));
    expect(user.statusCode).toBe(201);
    userId = user.json<{ id: string }>().id;
    const group = await filled.request('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Team' });
    expect(group.statusCode).toBe(201);
    groupId = group.json<{ id: string }>().id;
  });

  const parameters = ['attributes', 'excludedAttributes'];

  describe.each(parameters)('%s=__proto__', (parameter) => {
    it.each([
      ['Users, none there', () => empty, '/Users'],
      ['Groups, none there', () => empty, '/Groups'],
      ['Users, one there', () => filled, '/Users'],
      ['Groups, one there', () => filled, '/Groups'],
      ['a User', () => filled, () => `/Users/${userId}`],
      ['a Group', () => filled, () => `/Groups/${groupId}`],
    ])('GET %s answers 400 invalidPath', async (_name, customer, path) => {
      const resource = typeof path === 'string' ? path : path();
      const response = await customer().request('GET', `${resource}?${parameter}=__proto__`);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json<{ scimType: string }>().scimType).toBe('invalidPath');
    });

    it('POST …/.search with it answers 400 on Users and Groups alike', async () => {
      for (const resource of ['/Users', '/Groups']) {
        const response = await empty.request('POST', `${resource}/.search`, {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
          [parameter]: ['__proto__'],
        });
        expect(response.statusCode, `${resource}: ${response.body}`).toBe(400);
      }
    });

    it('a write with it is refused before it is made', async () => {
      const userName = `${parameter.toLowerCase()}@projection.example`;
      const created = await empty.request('POST', `/Users?${parameter}=__proto__`, scimUser(userName));
      expect(created.statusCode).toBe(400);
      const group = await empty.request('POST', `/Groups?${parameter}=__proto__`, {
        schemas: [GROUP_SCHEMA],
        displayName: parameter,
      });
      expect(group.statusCode).toBe(400);
      expect((await empty.request('GET', '/Users')).json<ListBody>().totalResults).toBe(0);
      expect((await empty.request('GET', '/Groups')).json<ListBody>().totalResults).toBe(0);

      const patched = await filled.request('PATCH', `/Users/${userId}?${parameter}=__proto__`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', path: 'title', value: parameter }],
      });
      expect(patched.statusCode).toBe(400);
      const put = await filled.request('PUT', `/Groups/${groupId}?${parameter}=__proto__`, {
        schemas: [GROUP_SCHEMA],
        displayName: parameter,
      });
      expect(put.statusCode).toBe(400);
      expect(
        (await filled.request('GET', `/Users/${userId}`)).json<{ title?: string }>().title,
      ).toBeUndefined();
      expect(
        (await filled.request('GET', `/Groups/${groupId}`)).json<{ displayName: string }>().displayName,
      ).toBe('Team');
    });
  });

  it.each(['Users', 'Groups'])(
    '%s?attributes=constructor (a name the schema does not have) answers 200 with id and schemas only',
    async (resource) => {
      const response = await filled.request('GET', `/${resource}?attributes=constructor`);
      expect(response.statusCode).toBe(200);
      const listed = response.json<{ Resources: Record<string, unknown>[] }>().Resources;
      expect(listed.map((item) => Object.keys(item).sort())).toEqual([['id', 'schemas']]);
    },
  );
});
