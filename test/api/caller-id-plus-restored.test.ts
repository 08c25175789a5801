// A Caller ID Number that lost its `+` in a spreadsheet (`4930123456` for a German customer) is read
// as international, as the Phone Number is (SPEC §4, §6; issue 3: accepted "with a warning"). Before,
// it was corrected silently: the admin never learnt the cell had been read differently from how it
// was typed. The warning is the Phone Number's (`phone_plus_restored`), on the Caller ID column.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';

const harness = useTestApp();
let customerId = '';

beforeAll(async () => {
  const { database, partnerId } = harness();
  customerId = (await createTestCustomer(database.db, partnerId, { country: 'DE', provision: true })).id;
});

function email(): string {
  return `plus-${randomUUID().slice(0, 8)}@callerid.example`;
}

function api(method: 'POST' | 'GET', url: string, payload?: object, language = 'en') {
  const { app, auth, tokens } = harness();
  return app.inject({
    method,
    url,
    headers: { ...auth(tokens.partnerFull), 'accept-language': language },
    ...(payload ? { payload } : {}),
  });
}

async function importRows(csv: string, dryRun: boolean) {
  const { app, auth, tokens, drainJobs } = harness();
  const created = await app.inject({
    method: 'POST',
    url: `/v1/customers/${customerId}/imports?behaviour=add-only&dryRun=${dryRun}`,
    headers: { ...auth(tokens.partnerFull), 'content-type': 'text/csv' },
    payload: Buffer.from(`${csv}\r\n`),
  });
  expect(created.statusCode, created.body).toBe(202);
  await drainJobs();
  const id = (created.json() as { id: string }).id;
  const rows = await api('GET', `/v1/customers/${customerId}/imports/${id}/rows?max=100`);
  expect(rows.statusCode, rows.body).toBe(200);
  return (rows.json() as { items: { action: string; status: string; messages: string[] }[] }).items;
}

const WARNING_EN = {
  code: 'phone_plus_restored',
  description: '"4930123456" was read as +4930123456 (the leading + was missing).',
  field: 'callerIdNumber',
  params: { value: '4930123456', number: '+4930123456' },
};

describe('a Caller ID Number without its +', () => {
  it('a CSV row is added with a warning on the Caller ID Number column, dry run and apply', async () => {
    const file = [
      'User ID/Email (Required),First Name,Last Name,Caller ID Number,Jabber with Webex Teams,Jabber Calling,Preferred Webex Site,Webex Meetings',
      `${email()},Jo,Jansen,4930123456,FALSE,FALSE,callerid.webex.com,TRUE`,
    ].join('\r\n');
    for (const dryRun of [true, false]) {
      const rows = await importRows(file, dryRun);
      expect(rows.map((row) => [row.action, row.status, row.messages])).toEqual([
        [
          'add',
          'warning',
          ['Row 2, Caller ID Number: "4930123456" was read as +4930123456 (the leading + was missing).'],
        ],
      ]);
    }
  });

  it('POST …/users answers the warning on the callerIdNumber field', async () => {
    const created = await api('POST', `/v1/customers/${customerId}/users`, {
      email: email(),
      firstName: 'Jo',
      lastName: 'Jansen',
      package: 'webex_meetings',
      preferredWebexSite: 'callerid.webex.com',
      callerIdNumber: '4930123456',
    });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json() as { callerIdNumber: string | null; warnings: unknown[] };
    expect(body.callerIdNumber).toBe('+4930123456');
    expect(body.warnings).toEqual([WARNING_EN]);
  });

  it('POST …/users/batch answers it too, in Dutch', async () => {
    const batch = await api(
      'POST',
      `/v1/customers/${customerId}/users/batch`,
      {
        users: [
          {
            email: email(),
            package: 'webex_meetings',
            preferredWebexSite: 'callerid.webex.com',
            callerIdNumber: '4930123456',
          },
        ],
      },
      'nl',
    );
    expect(batch.statusCode, batch.body).toBe(200);
    const [result] = (batch.json() as { results: { status: number; warnings: unknown[] }[] }).results;
    expect(result?.status, batch.body).toBe(201);
    expect(result?.warnings).toEqual([
      {
        ...WARNING_EN,
        description: '"4930123456" is gelezen als +4930123456 (de + aan het begin ontbrak).',
      },
    ]);
  });
});
