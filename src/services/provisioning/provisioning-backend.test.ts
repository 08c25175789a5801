import { describe, expect, it } from 'vitest';
import { FaultInjectingBackend, ProvisioningFault, RecordingBackend } from './provisioning-backend.ts';

describe('RecordingBackend', () => {
  it('keeps the most recent steps only', async () => {
    const recorder = new RecordingBackend(2);
    for (const customerId of ['a', 'b', 'c']) await recorder.perform({ step: 'create_org', customerId });
    expect(recorder.operations.map((op) => op.customerId)).toEqual(['b', 'c']);
  });
});

describe('FaultInjectingBackend', () => {
  it('fails only the matching step and forwards the rest', async () => {
    const recorder = new RecordingBackend();
    const backend = new FaultInjectingBackend(recorder, [{ step: 'assign_licence', subject: 'webex_suite' }]);
    await backend.perform({
      step: 'unassign_licence',
      customerId: 'c',
      userId: 'u',
      subject: 'webex_calling',
    });
    await expect(
      backend.perform({ step: 'assign_licence', customerId: 'c', userId: 'u', subject: 'webex_suite' }),
    ).rejects.toBeInstanceOf(ProvisioningFault);
    await backend.perform({ step: 'assign_licence', customerId: 'c', userId: 'u', subject: 'webex_calling' });
    expect(recorder.stepsFor('c', 'u')).toEqual([
      'unassign_licence:webex_calling',
      'assign_licence:webex_calling',
    ]);
  });

  it('stops failing after `times` matching calls', async () => {
    const recorder = new RecordingBackend();
    const backend = new FaultInjectingBackend(recorder).failNext({ step: 'create_org', times: 1 });
    await expect(backend.perform({ step: 'create_org', customerId: 'c' })).rejects.toMatchObject({
      step: 'create_org',
    });
    await backend.perform({ step: 'create_org', customerId: 'c' });
    expect(recorder.stepsFor('c')).toEqual(['create_org']);
  });

  it('passes everything once cleared', async () => {
    const recorder = new RecordingBackend();
    const backend = new FaultInjectingBackend(recorder, [{ step: 'delete_org' }]);
    backend.clear();
    await backend.perform({ step: 'delete_org', customerId: 'c' });
    expect(recorder.operations).toHaveLength(1);
  });
});
