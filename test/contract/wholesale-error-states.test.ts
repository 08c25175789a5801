// The error states through the Wholesale API, against the public description: a customer whose
// package failed downstream (`provisioned_with_errors`, the package `error` with its `errors`) and
// a subscriber whose licence change failed half-way (our `error` state, shown publicly as
// `provisioned` with `errors`). The happy-path contract test never reaches these shapes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FaultInjectingBackend,
  RecordingBackend,
  useProvisioningBackend,
} from '../../src/services/provisioning/provisioning-backend.ts';
import { useTestApp } from '../helpers/app.ts';
import { exampleRequests, validateResponse } from './wholesale-contract.ts';

const harness = useTestApp();
const backend = new FaultInjectingBackend(new RecordingBackend());
let restore: () => void;
beforeAll(() => {
  restore = useProvisioningBackend(backend);
});
afterAll(() => restore());

async function send(method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  const { app, tokens, auth } = harness();
  return app.inject({ method, url, headers: auth(tokens.partnerFull), ...(payload ? { payload } : {}) });
}

const C = '/v1/wholesale/customers';
const S = '/v1/wholesale/subscribers';

describe('a customer whose package failed downstream', () => {
  it('is provisioned_with_errors, the package in error with public errors, in get and list', async () => {
    const { drainJobs } = harness();
    const [example] = exampleRequests('post', C);
    backend.failNext({ step: 'enable_package', subject: 'webex_meetings', times: 1 });
    const created = await send('POST', C, {
      ...example,
      externalId: 'error-states-1',
      packages: ['common_area_calling', 'webex_meetings'],
    });
    expect(created.statusCode, created.body).toBe(202);
    const id = String(created.headers['location']).split('/').at(-1) ?? '';
    await drainJobs();
    const one = await send('GET', `${C}/${id}`);
    expect(validateResponse('get', `${C}/{customerId}`, 200, one.json()).errors).toEqual([]);
    const body = one.json() as {
      status: string;
      orgId?: string;
      resourceDetails: { packages: { name: string; status: string; errors?: unknown[] }[] };
    };
    expect(body.status).toBe('provisioned_with_errors');
    // "Only presented when status is `provisioned`".
    expect(body.orgId).toBeUndefined();
    const meetings = body.resourceDetails.packages.find((entry) => entry.name === 'webex_meetings');
    expect(meetings).toMatchObject({
      status: 'error',
      errors: [{ errorCode: expect.any(Number), description: expect.any(String) }],
    });
    const withLicences = await send('GET', `${C}/${id}?includePackageLicenseInfo=true`);
    expect(validateResponse('get', `${C}/{customerId}`, 200, withLicences.json()).errors).toEqual([]);
    const list = await send('GET', `${C}?status=provisioned_with_errors`);
    expect(validateResponse('get', C, 200, list.json()).errors).toEqual([]);
    expect((list.json() as { items: { id: string }[] }).items.map((item) => item.id)).toEqual([id]);
  });
});

describe('a subscriber whose licence change failed', () => {
  it('shows as provisioned with its errors, and the status filter finds it as provisioned', async () => {
    const { drainJobs } = harness();
    const [example] = exampleRequests('post', C);
    const created = await send('POST', C, {
      ...example,
      externalId: 'error-states-2',
      packages: ['common_area_calling', 'webex_meetings'],
      // The example's primary email is the first customer's admin by now: taken (10022).
      customerInfo: { name: 'Error States 2', primaryEmail: 'owner@error-states.example' },
    });
    const customerId = String(created.headers['location']).split('/').at(-1) ?? '';
    await drainJobs();
    backend.failNext({ step: 'assign_licence', times: 1 });
    const subscriber = await send('POST', S, {
      customerId,
      email: 'half.way@error-states.example',
      package: 'webex_meetings',
      provisioningParameters: { firstName: 'Half', lastName: 'Way' },
    });
    const id = (subscriber.json() as { id?: string }).id;
    expect(id, subscriber.body).toBeTypeOf('string');
    const one = await send('GET', `${S}/${id}`);
    expect(validateResponse('get', `${S}/{subscriberId}`, 200, one.json()).errors).toEqual([]);
    expect(one.json()).toMatchObject({
      status: 'provisioned',
      errors: [{ errorCode: expect.any(Number), description: expect.any(String) }],
    });
    const list = await send('GET', `${S}?customerId=${customerId}&status=provisioned`);
    expect(validateResponse('get', S, 200, list.json()).errors).toEqual([]);
    expect((list.json() as { items: { id: string }[] }).items.map((item) => item.id)).toEqual([id]);
  });
});
