// A SCIM body may not hold `__proto__`, nor a `constructor` whose value has a `prototype`: every
// request body passes that check at the edge (plugins/input-hygiene.ts), so a POST or PUT of such
// a User or Group answers 400 invalidValue. A PATCH names the attribute in its `path`, not as a
// key of the body, so the edge never saw it: `name.constructor` with {"prototype": …} answered 204
// and the key was stored in the user's document, where a POST of the same value was refused. The
// resource a PATCH makes is now held to the same check as the body a POST sends.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import {
  createScimCustomer,
  GROUP_SCHEMA,
  PATCH_OP,
  scimUser,
  type ScimCustomer,
} from '../scim/scim-harness.ts';

const PROTOTYPE = { prototype: { polluted: true } };

interface ScimErrorBody {
  readonly status: string;
  readonly scimType?: string;
  readonly detail: string;
}

describe('SCIM PATCH of attribute names that objects inherit', () => {
  const harness = useTestApp();
  let scim: ScimCustomer;
  let userId = '';
  let groupId = '';

  beforeAll(async () => {
    scim = await createScimCustomer(harness());
    const user = await scim.request(
      'POST',
      '/Users',
      scimUser('anna@patch-names.example', { addresses: [{ type: 'work', locality: 'Utrecht' }] }),
    );
    expect(user.statusCode).toBe(201);
    userId = user.json<{ id: string }>().id;
    const group = await scim.request('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Team' });
    expect(group.statusCode).toBe(201);
    groupId = group.json<{ id: string }>().id;
  });

  const patch = (resource: string, operation: Record<string, unknown>) =>
    scim.request('PATCH', resource, { schemas: [PATCH_OP], Operations: [operation] });

  // Each PATCH next to the POST body that asks for the same attribute: both must be refused alike.
  it.each([
    ['constructor', { op: 'add', path: 'constructor', value: PROTOTYPE }, { constructor: PROTOTYPE }],
    [
      'constructor.prototype',
      { op: 'replace', path: 'constructor.prototype', value: PROTOTYPE.prototype },
      { constructor: PROTOTYPE },
    ],
    [
      'name.constructor',
      { op: 'add', path: 'name.constructor', value: PROTOTYPE },
      { name: { givenName: 'Anna', constructor: PROTOTYPE } },
    ],
    [
      'addresses[type eq "work"].constructor',
      { op: 'add', path: 'addresses[type eq "work"].constructor', value: PROTOTYPE },
      { addresses: [{ type: 'work', constructor: PROTOTYPE }] },
    ],
    [
      'a path-less value {"name.constructor": …}',
      { op: 'add', value: { 'name.constructor': PROTOTYPE } },
      { name: { givenName: 'Anna', constructor: PROTOTYPE } },
    ],
  ])('a User PATCH of %s is refused as a POST of it is', async (_name, operation, attributes) => {
    const posted = await scim.request('POST', '/Users', scimUser('bert@patch-names.example', attributes));
    expect(posted.statusCode).toBe(400);
    const patched = await patch(`/Users/${userId}`, operation);
    expect(patched.statusCode).toBe(posted.statusCode);
    const body = patched.json<ScimErrorBody>();
    expect(body.scimType).toBe(posted.json<ScimErrorBody>().scimType);
    expect(body.scimType).toBe('invalidValue');
    expect(body.detail).toContain('the key "constructor" is not allowed');
    const stored = await scim.request('GET', `/Users/${userId}`);
    expect(stored.body).not.toContain('constructor');
  });

  it.each([
    ['constructor', { op: 'add', path: 'constructor', value: PROTOTYPE }],
    ['constructor.prototype', { op: 'replace', path: 'constructor.prototype', value: PROTOTYPE.prototype }],
    [
      'a path-less value {"constructor": …} under a dotted key',
      { op: 'add', value: { 'constructor.prototype': {} } },
    ],
  ])('a Group PATCH of %s is refused as a POST of it is', async (_name, operation) => {
    const posted = await scim.request('POST', '/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: 'Other',
      constructor: PROTOTYPE,
    });
    expect(posted.statusCode).toBe(400);
    const patched = await patch(`/Groups/${groupId}`, operation);
    expect(patched.statusCode).toBe(posted.statusCode);
    expect(patched.json<ScimErrorBody>().scimType).toBe(posted.json<ScimErrorBody>().scimType);
  });

  it('a `constructor` that is plain data is taken by PATCH as POST takes it', async () => {
    // Not the shape the edge refuses (no `prototype` in it): stored as any unmodelled sub-attribute.
    const patched = await patch(`/Users/${userId}`, { op: 'add', path: 'name.constructor', value: 'x' });
    expect(patched.statusCode).toBe(204);
    const stored = await scim.request('GET', `/Users/${userId}`);
    expect(stored.json<{ name: Record<string, unknown> }>().name.constructor).toBe('x');
  });
});
