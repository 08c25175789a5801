// The admin API's single-user create, update and delete, and the customer update, take the same
// provisioning road as the Wholesale API and the 25-user batch (SPEC §2, §5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FaultInjectingBackend,
  RecordingBackend,
  useProvisioningBackend,
} from '../../src/services/provisioning/provisioning-backend.ts';
import { useTestApp } from '../helpers/app.ts';

describe('admin API paths reach the provisioning backend', () => {
  const harness = useTestApp();
  const recording = new RecordingBackend();
  const backend = new FaultInjectingBackend(recording);
  let restore: () => void = () => undefined;
  let customerId = '';

  const call = (method: 'POST' | 'PATCH' | 'DELETE' | 'GET', url: string, payload?: object) => {
    const { app, tokens, auth } = harness();
    return app.inject({ method, url, headers: auth(tokens.partnerFull), ...(payload ? { payload } : {}) });
  };

  beforeAll(async () => {
    restore = useProvisioningBackend(backend);
    const created = await call('POST', '/v1/customers', {
      name: 'Paths',
      externalId: 'PATHS-1',
      adminEmail: 'admin@paths.example',
      country: 'NL',
      packages: [{ id: 'webex_meetings' }, { id: 'webex_suite' }],
    });
    customerId = created.json().id;
    await harness().drainJobs();
  });
  afterAll(() => restore());

  it('refuses users while the customer is still provisioning', async () => {
    const pending = await call('POST', '/v1/customers', {
      name: 'Pending',
      externalId: 'PATHS-2',
      adminEmail: 'admin@pending.example',
      country: 'NL',
      packages: [{ id: 'webex_meetings' }],
    });
    const response = await call('POST', `/v1/customers/${pending.json().id}/users`, {
      email: 'early@pending.example',
      package: 'webex_meetings',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().errors[0].code).toBe('customer_busy');
    await harness().drainJobs();
  });

  it('assigns licences downstream on create and removes them on delete', async () => {
    const created = await call('POST', `/v1/customers/${customerId}/users`, {
      email: 'm@paths.example',
      package: 'webex_meetings',
      preferredWebexSite: 'paths.webex.com',
    });
    expect(created.statusCode).toBe(201);
    const userId = created.json().id;
    expect(recording.stepsFor(customerId, userId)).toContain('assign_licence:webex_meetings');
    expect((await call('DELETE', `/v1/customers/${customerId}/users/${userId}`)).statusCode).toBe(204);
    expect(recording.stepsFor(customerId, userId).slice(-2)).toEqual([
      'unassign_licence:webex_meetings',
      'remove_user',
    ]);
  });

  it('keeps the user when the downstream removal fails, and says so', async () => {
    const created = await call('POST', `/v1/customers/${customerId}/users`, {
      email: 'keep@paths.example',
      package: 'webex_meetings',
    });
    const userId = created.json().id;
    backend.failNext({ step: 'remove_user', userId, times: 1 });
    const refused = await call('DELETE', `/v1/customers/${customerId}/users/${userId}`);
    expect(refused.statusCode).toBe(503);
    expect((await call('GET', `/v1/customers/${customerId}/users/${userId}`)).statusCode).toBe(200);
  });

  it('passes a change of the sold packages through `updating` (202) until the job applied it', async () => {
    const response = await call('PATCH', `/v1/customers/${customerId}`, {
      packages: [{ id: 'webex_meetings' }, { id: 'webex_suite' }, { id: 'webex_calling' }],
    });
    expect(response.statusCode).toBe(202);
    expect(response.json().status).toBe('updating');
    await harness().drainJobs();
    expect((await call('GET', `/v1/customers/${customerId}`)).json().status).toBe('provisioned');
    const renamed = await call('PATCH', `/v1/customers/${customerId}`, { name: 'Paths renamed' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Paths renamed', status: 'provisioned' });
  });
});
