// The customer lifecycle through the job queue and the provisioning backend: provisioning (org,
// first location, packages, the full admin's invite in the outbox), the error states when a step
// fails, and deletion downstream first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FaultInjectingBackend,
  RecordingBackend,
  useProvisioningBackend,
} from '../../src/services/provisioning/provisioning-backend.ts';
import { useTestApp } from '../helpers/app.ts';

const harness = useTestApp();
const recorder = new RecordingBackend();
const backend = new FaultInjectingBackend(recorder);
let restore: () => void;
beforeAll(() => {
  restore = useProvisioningBackend(backend);
});
afterAll(() => restore());

let counter = 0;
async function createCustomer(
  packages = [{ id: 'webex_calling' }, { id: 'webex_meetings' }],
  adminEmail?: string,
) {
  const { app, tokens, auth } = harness();
  counter += 1;
  const response = await app.inject({
    method: 'POST',
    url: '/v1/customers',
    headers: auth(tokens.partnerFull),
    payload: {
      name: `Pizza ${counter}`,
      externalId: `PIZZA-${counter}`,
      adminEmail: adminEmail ?? `owner${counter}@pizza.example`,
      country: 'US',
      packages,
      firstLocation: { name: 'Head Office', country: 'US', timeZone: 'America/Los_Angeles' },
    },
  });
  expect(response.statusCode).toBe(202);
  return response.json() as { id: string; status: string };
}

async function fetchCustomer(id: string, language = 'en') {
  const { app, tokens, auth } = harness();
  return app.inject({
    url: `/v1/customers/${id}`,
    headers: { ...auth(tokens.partnerFull), 'accept-language': language },
  });
}

describe('provisioning', () => {
  it('creates org, location and packages downstream and invites the full admin', async () => {
    const { drainJobs, database } = harness();
    const customer = await createCustomer();
    expect(customer.status).toBe('provisioning');
    await drainJobs();
    expect((await fetchCustomer(customer.id)).json()).toMatchObject({ status: 'provisioned', errors: [] });
    const steps = recorder.stepsFor(customer.id);
    expect(steps[0]).toBe('create_org');
    expect(steps.filter((step) => step.startsWith('create_location'))).toHaveLength(1);
    expect(steps.filter((step) => step.startsWith('enable_package')).sort()).toEqual([
      'enable_package:webex_calling',
      'enable_package:webex_meetings',
    ]);
    const admin = await database.db
      .selectFrom('admin_accounts')
      .selectAll()
      .where('customer_id', '=', customer.id)
      .executeTakeFirstOrThrow();
    expect(admin).toMatchObject({
      email: `owner${counter}@pizza.example`,
      role: 'customer_full_admin',
      status: 'invited',
    });
    const email = await database.db
      .selectFrom('outbox_emails')
      .selectAll()
      .where('to_address', '=', admin.email)
      .executeTakeFirstOrThrow();
    expect(email.body_text).toContain('/invite/');
  });

  it('ends in error when the org cannot be created', async () => {
    const { drainJobs } = harness();
    backend.failNext({ step: 'create_org', times: 1 });
    const customer = await createCustomer();
    await drainJobs();
    const body = (await fetchCustomer(customer.id)).json();
    expect(body.status).toBe('error');
    // The provisioning system's own text is English whatever the reader's language: the Dutch
    // reader gets it too, labelled as that system's message, rather than no reason at all.
    expect(body.errors).toEqual([
      {
        code: 'provisioning_failed',
        description: 'The organization could not be created: The provisioning step create_org failed.',
      },
    ]);
    expect((await fetchCustomer(customer.id, 'nl')).json().errors).toEqual([
      {
        code: 'provisioning_failed',
        description:
          'De organisatie kon niet worden aangemaakt. Melding van het inrichtingssysteem: The provisioning step create_org failed.',
      },
    ]);
  });

  it('ends provisioned_with_errors when one package fails, naming it', async () => {
    const { drainJobs } = harness();
    backend.failNext({ step: 'enable_package', subject: 'webex_meetings', times: 1 });
    const customer = await createCustomer();
    await drainJobs();
    const body = (await fetchCustomer(customer.id)).json();
    expect(body.status).toBe('provisioned_with_errors');
    expect(body.errors).toEqual([
      { code: 'provisioning_failed', description: 'Webex Meetings could not be enabled.' },
    ]);
    // The Dutch UI reads the same error in Dutch.
    expect((await fetchCustomer(customer.id, 'nl')).json().errors).toEqual([
      { code: 'provisioning_failed', description: 'Webex Meetings kon niet worden ingeschakeld.' },
    ]);
  });

  it("words a failed first location in the reader's language", async () => {
    const { drainJobs } = harness();
    backend.failNext({ step: 'create_location', times: 1 });
    const customer = await createCustomer();
    await drainJobs();
    expect((await fetchCustomer(customer.id)).json().errors).toEqual([
      { code: 'location_failed', description: 'The location "Head Office" could not be created.' },
    ]);
    expect((await fetchCustomer(customer.id, 'nl')).json().errors).toEqual([
      { code: 'location_failed', description: 'De locatie "Head Office" kon niet worden aangemaakt.' },
    ]);
  });

  it("names an admin email taken in this partner, and only calls another partner's taken", async () => {
    const { drainJobs, database } = harness();
    const own = await createCustomer(undefined, 'shared-owner@pizza.example');
    await drainJobs();
    const again = await createCustomer(undefined, 'shared-owner@pizza.example');
    await drainJobs();
    expect((await fetchCustomer(again.id)).json().errors).toEqual([
      {
        code: 'admin_invite_failed',
        description:
          'The customer full admin could not be invited: shared-owner@pizza.example already has an admin account.',
      },
    ]);
    expect((await fetchCustomer(again.id, 'nl')).json().errors).toEqual([
      {
        code: 'admin_invite_failed',
        description:
          'De volledige beheerder van de klant kon niet worden uitgenodigd: shared-owner@pizza.example heeft al een beheerdersaccount.',
      },
    ]);
    expect(own.id).not.toBe(again.id);

    const elsewhere = await database.db
      .insertInto('partners')
      .values({ name: 'Another Partner' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto('admin_accounts')
      .values({ partner_id: elsewhere.id, email: 'theirs@pizza.example', role: 'partner_full_admin' })
      .execute();
    const foreign = await createCustomer(undefined, 'theirs@pizza.example');
    await drainJobs();
    const [error] = (await fetchCustomer(foreign.id)).json().errors;
    expect(error.description).toBe(
      'The customer full admin could not be invited: theirs@pizza.example is already associated with an existing account.',
    );
    expect(error.description).not.toMatch(/admin account/);
    const [dutch] = (await fetchCustomer(foreign.id, 'nl')).json().errors;
    expect(dutch.description).toBe(
      'De volledige beheerder van de klant kon niet worden uitgenodigd: theirs@pizza.example is al gekoppeld aan een bestaand account.',
    );
  });
});

describe('deletion', () => {
  it('removes the org downstream, then the customer', async () => {
    const { app, tokens, auth, drainJobs } = harness();
    const customer = await createCustomer();
    await drainJobs();
    const deleted = await app.inject({
      method: 'DELETE',
      url: `/v1/customers/${customer.id}`,
      headers: auth(tokens.partnerFull),
    });
    expect(deleted.statusCode).toBeLessThan(300);
    await drainJobs();
    expect((await fetchCustomer(customer.id)).statusCode).toBe(404);
    expect(recorder.stepsFor(customer.id).at(-1)).toBe('delete_org');
  });

  it('leaves the customer in error when the downstream deletion fails', async () => {
    const { app, tokens, auth, drainJobs } = harness();
    const customer = await createCustomer();
    await drainJobs();
    backend.failNext({ step: 'delete_org', times: 1 });
    await app.inject({
      method: 'DELETE',
      url: `/v1/customers/${customer.id}`,
      headers: auth(tokens.partnerFull),
    });
    await drainJobs();
    const body = (await fetchCustomer(customer.id)).json();
    expect(body.status).toBe('error');
  });
});
