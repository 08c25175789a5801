// SPEC §5: emails of users in other organizations are probes, audited and rate-limited, in an
// import too. An import reports as many as the uploader's budget has left; from the first one
// over it, no row for an email that is not the customer's own user is checked, so the answers
// stop telling taken emails from free ones. The local CLI and the system are not limited.
import { beforeAll, describe, expect, it } from 'vitest';
import { EMAIL_PROBE_ACTION, EMAIL_PROBES_PER_MINUTE } from '../../src/services/provisioning/email-probes.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { createToken } from '../../src/services/tokens/token-service.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { runImportFile, type ImportOutcome } from './import-helpers.ts';
import { createFixtureCustomer, type FixtureCustomer } from './import-setup.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const OTHERS = EMAIL_PROBES_PER_MINUTE + 2;
const HEADER =
  'User ID/Email (Required),Webex Meetings,Preferred Webex Site,Jabber Calling,Jabber with Webex Teams';
const otherEmails = Array.from({ length: OTHERS }, (_, index) => `other${index}@elsewhere.example`);

function codesByRow(outcome: ImportOutcome): Record<number, string[]> {
  return Object.fromEntries(outcome.rows.map((row) => [row.row, row.issues.map((issue) => issue.code)]));
}

describe('emails of other organizations in an import', () => {
  const database = useTestDatabase();
  let devries: FixtureCustomer;
  let prober: ServiceContext;
  let proberId: string;

  beforeAll(async () => {
    devries = await createFixtureCustomer(database());
    const elsewhere = await createFixtureCustomer(database(), 'ELSEWHERE-001');
    const rows = otherEmails.map((email) => `${email},TRUE,site.webex.com,FALSE,FALSE`);
    const created = await runImportFile(
      database(),
      elsewhere.context,
      elsewhere.customerId,
      encode(`${HEADER}\n${rows.join('\n')}\n`),
      'add-only',
    );
    expect(created.view.counts.add).toBe(OTHERS);
    // A real token: an import of a token that does not stand (here: none stored) does not run (ADR 0072).
    proberId = (await createToken(devries.context, { name: 'prober', role: 'partner_full_admin' })).id;
    prober = {
      ...devries.context,
      actor: { ...devries.context.actor, type: 'token', id: proberId, label: 'token:prober' },
    };
  });

  const file = () =>
    encode(
      `${HEADER}\n${otherEmails.map((email) => `${email},TRUE,site.webex.com,FALSE,FALSE`).join('\n')}\nnew.person@devries.example,TRUE,site.webex.com,FALSE,FALSE\n`,
    );
  const probesAudited = async () =>
    (
      await database()
        .db.selectFrom('audit_events')
        .select('target_id')
        .where('actor_id', '=', proberId)
        .where('action', '=', EMAIL_PROBE_ACTION)
        .execute()
    ).map((event) => event.target_id);

  it("reports the budget's worth, then checks no email that is not the customer's user", async () => {
    const outcome = await runImportFile(database(), prober, devries.customerId, file(), 'add-only', true);
    expect(outcome.view.status).toBe('validated');
    const codes = codesByRow(outcome);
    for (let row = 2; row < 2 + EMAIL_PROBES_PER_MINUTE; row += 1) {
      expect(codes[row]).toEqual(['email_taken_elsewhere']);
    }
    // Over the budget: the other organizations' emails and a free one alike.
    for (let row = 2 + EMAIL_PROBES_PER_MINUTE; row <= OTHERS + 2; row += 1) {
      expect(codes[row]).toEqual(['email_checks_rate_limited']);
    }
    expect(outcome.rows.at(-1)?.messages[0]).toContain(
      `more than ${EMAIL_PROBES_PER_MINUTE} email addresses a minute`,
    );
    expect((await probesAudited()).sort()).toEqual(otherEmails.slice(0, EMAIL_PROBES_PER_MINUTE).sort());
  });

  it('checks none of them again within the minute, and audits nothing more', async () => {
    const outcome = await runImportFile(database(), prober, devries.customerId, file(), 'add-only', true);
    expect(new Set(Object.values(codesByRow(outcome)).flat())).toEqual(
      new Set(['email_checks_rate_limited']),
    );
    expect(await probesAudited()).toHaveLength(EMAIL_PROBES_PER_MINUTE);
  });

  it('plans rows of its own users as usual while the budget is spent', async () => {
    const ownUser = encode(`${HEADER}\nown.user@devries.example,TRUE,site.webex.com,FALSE,FALSE\n`);
    await runImportFile(database(), devries.context, devries.customerId, ownUser, 'add-only');
    const modify = encode(`User ID/Email (Required),Title\nown.user@devries.example,Baker\n`);
    const outcome = await runImportFile(database(), prober, devries.customerId, modify, 'add-only', true);
    expect(outcome.byRow).toEqual({ 2: 'modify' });
  });

  it('does not limit the local CLI or the system (no actor id), but still audits', async () => {
    const outcome = await runImportFile(
      database(),
      devries.context,
      devries.customerId,
      file(),
      'add-only',
      true,
    );
    const codes = codesByRow(outcome);
    for (let row = 2; row < 2 + OTHERS; row += 1) expect(codes[row]).toEqual(['email_taken_elsewhere']);
    expect(outcome.byRow[OTHERS + 2]).toBe('add');
  });
});
