// Cancelling a CSV import while it is applied, in a real Chromium against the real server: the admin
// confirms a question saying that applied rows stay applied; the page then shows the import cancelled
// with the counts of what it applied, and its rows stay reachable. The file is large (batches of
// 2000 rows commit one by one) so that the import is still being applied when the admin cancels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BrowserSession } from './helpers/browser.ts';
import { openBrowser, screenshot } from './helpers/browser.ts';
import type { HubServer } from './helpers/hub-server.ts';
import { startHubServer } from './helpers/hub-server.ts';

const rowCount = 30_000;
let server: HubServer;
let browser: BrowserSession;
let page: Page;

/** New users with Webex Meetings only (no number needed), one per row. */
function largeCsv(domain: string): string {
  const header =
    'First Name,Last Name,User ID/Email (Required),Webex Meetings,Jabber Calling,Jabber with Webex Teams,Preferred Webex Site';
  const rows = Array.from(
    { length: rowCount },
    (_, index) => `Bulk,User ${index},bulk.${index}@${domain},TRUE,FALSE,FALSE,acme.webex.com`,
  );
  return [header, ...rows].join('\r\n') + '\r\n';
}

beforeAll(async () => {
  server = await startHubServer();
  browser = await openBrowser('en-US');
  page = browser.page;
  await page.goto(`${server.baseUrl}/login`);
  await page.getByRole('textbox', { name: 'Email' }).fill(server.email);
  await page.getByLabel(/^Password/).fill(server.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByTestId('customers-table').getByRole('link', { name: 'Bakkerij De Vries' }).click();
  await page.getByTestId('open-control-hub').click();
  await page.getByTestId('hub-name').filter({ hasText: 'Control Hub' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('cancelling a CSV import while it is applied', () => {
  it('asks, cancels, and shows the import cancelled with what it applied', async () => {
    await page.goto(`${page.url().replace(/\/$/, '')}/users/csv`);
    await page.getByTestId('file-input').setInputFiles({
      name: 'bulk.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(largeCsv(`bulk-${Date.now().toString(36)}.example`)),
    });
    await page.getByTestId('local-preview').waitFor();
    await page.getByTestId('upload').click();
    await page.getByTestId('import-counts').waitFor({ timeout: 110_000 });
    await page.getByTestId('apply-import').click();
    await page.getByTestId('import-progress').waitFor();
    await page.getByTestId('cancel-import').click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this import?' });
    await dialog.getByText('Rows already applied stay applied').waitFor();
    await screenshot(page, 'csv-import-cancel-question');
    await dialog.getByRole('button', { name: 'Cancel import' }).click();

    const cancelled = page.getByTestId('import-cancelled');
    await cancelled.waitFor({ timeout: 30_000 });
    expect(await cancelled.textContent()).toMatch(/stays? applied/);
    expect(await page.getByTestId('apply-step-stopped').textContent()).toContain('Cancelled');
    await page.getByRole('heading', { name: 'Results' }).waitFor();
    const added = Number((await page.locator('[data-count="add"]').textContent())?.replace(/\D/g, ''));
    expect(added).toBeLessThan(rowCount);
    // What was applied stays listed, row by row (none when the cancel came before the first batch).
    if (added > 0) await page.locator('tr[data-action="add"]').first().waitFor();
    expect(await page.getByTestId('cancel-import').count()).toBe(0);
    await screenshot(page, 'csv-import-cancelled');
  });
});
