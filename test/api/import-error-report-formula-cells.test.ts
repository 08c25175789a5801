// The import error report writes uploaded cells back out (SPEC §6): a cell a spreadsheet would
// evaluate gets a leading `'`, also when whitespace or control characters (tab, CR, LF, space)
// come before the `=`, `+`, `-` or `@`, as a spreadsheet skips them and evaluates the rest.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { createTestCustomer } from '../helpers/factories.ts';

const harness = useTestApp();

const HEADER = 'First Name,Last Name,User ID/Email (Required),Location,Department,Webex Meetings';

describe('the import error report', () => {
  it('neutralizes formula cells behind leading whitespace and control characters', async () => {
    const { app, auth, tokens, database, partnerId, drainJobs } = harness();
    const customer = await createTestCustomer(database.db, partnerId, { provision: true });
    await drainJobs();
    // Every row has an error (a bad email or a bad boolean), so every row is in the report.
    const csv = [
      HEADER,
      `"\t=HYPERLINK(""http://evil"")",L,bad-email,"=cmd|' /C calc'!A0",D,TRUE`,
      `A,B,bad-email-2,"\t@SUM(1+1)*cmd|' /C calc'!A0",D,TRUE`,
      `"\r=1+1",B,ok2@a1.example,Nowhere=1,"\n-2+3",MAYBE`,
      `" +1",B,ok3@a1.example,"'\t=kept as uploaded",Plain,MAYBE`,
    ].join('\n');
    const uploaded = await app.inject({
      method: 'POST',
      url: `/v1/customers/${customer.id}/imports?dryRun=true`,
      headers: { ...auth(tokens.partnerFull), 'content-type': 'text/csv' },
      payload: `${csv}\n`,
    });
    expect(uploaded.statusCode, uploaded.body).toBe(202);
    await drainJobs();

    const report = await app.inject({
      method: 'GET',
      url: `/v1/customers/${customer.id}/imports/${uploaded.json().id}/error-report.csv`,
      headers: auth(tokens.partnerFull),
    });
    expect(report.statusCode, report.body).toBe(200);
    const rows = parse(report.body, { bom: true, relax_column_count: true }) as string[][];
    const cells = rows.slice(1).map((row) => row.slice(0, 6));
    expect(cells).toEqual([
      [`'\t=HYPERLINK("http://evil")`, 'L', 'bad-email', `'=cmd|' /C calc'!A0`, 'D', 'TRUE'],
      ['A', 'B', 'bad-email-2', `'\t@SUM(1+1)*cmd|' /C calc'!A0`, 'D', 'TRUE'],
      [`'\r=1+1`, 'B', 'ok2@a1.example', 'Nowhere=1', `'\n-2+3`, 'MAYBE'],
      [`' +1`, 'B', 'ok3@a1.example', `'\t=kept as uploaded`, 'Plain', 'MAYBE'],
    ]);
    // No cell of the report reads as a formula once a spreadsheet skips the leading whitespace.
    for (const row of rows.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[\p{Cc}\s]*[=+\-@]/u);
  });
});
