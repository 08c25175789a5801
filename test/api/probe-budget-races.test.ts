// Parallel requests cannot get past the probe budget (SPEC §5, ADR 0022/0074): the budget check,
// the lookup and the probe's record are one step per actor, so a burst of requests with emails of
// other organizations gets at most the budget's number of "taken" answers, the rest 429.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { EMAIL_PROBE_ACTION, EMAIL_PROBES_PER_MINUTE } from '../../src/services/provisioning/email-probes.ts';
import { useTestApp } from '../helpers/app.ts';
import { createApiToken, createPartner, createTestCustomer } from '../helpers/factories.ts';

const harness = useTestApp();
let customerId = '';
const OTHERS = Array.from({ length: 20 }, (_, n) => `held${n}@other-partner.example`);

beforeAll(async () => {
  const { database, partnerId } = harness();
  const otherPartner = await createPartner(database.db, 'Other Probe Partner');
  const otherToken = await createApiToken(database.db, {
    partnerId: otherPartner,
    role: 'partner_full_admin',
  });
  const other = await createTestCustomer(database.db, otherPartner, { provision: true });
  for (const email of OTHERS) {
    const added = await harness().app.inject({
      method: 'POST',
      url: `/v1/customers/${other.id}/users`,
      headers: harness().auth(otherToken),
      payload: { email, firstName: 'Held', lastName: 'Elsewhere', package: 'webex_meetings' },
    });
    expect(added.statusCode, added.body).toBe(201);
  }
  customerId = (await createTestCustomer(database.db, partnerId, { provision: true })).id;
});

describe.runIf(inject('testDatabase').kind === 'postgres')('a burst of probes', () => {
  it('gets at most the budget of taken answers, each audited; the rest 429', async () => {
    const { database, partnerId } = harness();
    const prober = await createApiToken(database.db, {
      partnerId,
      role: 'partner_full_admin',
      name: 'email-burst',
    });
    const answers = await Promise.all(
      OTHERS.map((email) =>
        harness().app.inject({
          method: 'POST',
          url: `/v1/customers/${customerId}/users`,
          headers: harness().auth(prober),
          payload: { email, firstName: 'Try', lastName: 'Probe', package: 'webex_meetings' },
        }),
      ),
    );
    const taken = answers.filter((answer) => answer.statusCode === 409);
    const limited = answers.filter((answer) => answer.statusCode === 429);
    const probes = await database.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', EMAIL_PROBE_ACTION)
      .where('actor_label', '=', 'token:email-burst')
      .execute();
    expect(taken.length).toBeLessThanOrEqual(EMAIL_PROBES_PER_MINUTE);
    expect(taken.length + limited.length).toBe(OTHERS.length);
    // The one over the budget is audited too (it was looked up), then answered 429.
    expect(probes.length).toBeLessThanOrEqual(EMAIL_PROBES_PER_MINUTE + 1);
  });
});
