// Cancelling a CSV import while it is applied, in a real Chromium against the real server: the admin
// confirms a question saying that applied rows stay applied; the page then shows the import cancelled
// with the counts of what it applied, and its rows stay reachable. The server holds the import after
// its first batch (of 2000 rows) until the admin has cancelled: on a slow machine the whole file
// could otherwise be applied before the click arrives, and there would be nothing left to cancel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BrowserSession } from './helpers/browser.ts';
import { openBrowser, screenshot } from './helpers/browser.ts';
import type { HubServer } from './helpers/hub-server.ts';
import { startHubServer } from './helpers/hub-server.ts';

const rowCount = 6_000;
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
    const { holdImports } = server;
    if (!holdImports)
      throw new Error('this test needs its own server (not HUB_E2E_URL): it holds the import');
    const release = await holdImports();
    await page.getByTestId('apply-import').click();
    // The first batch is committed and shown; the import waits before its second.
    const progress = page.getByTestId('import-progress');
    await expect
      .poll(async () => Number(await progress.getAttribute('data-percent')), { timeout: 60_000 })
      .toBeGreaterThan(0);
    await page.getByTestId('cancel-import').click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this import?' });
    await dialog.getByText('Rows already applied stay applied').waitFor();
    await screenshot(page, 'csv-import-cancel-question');
    await dialog.getByRole('button', { name: 'Cancel import' }).click();
    // The cancel is stored once the dialog closes; the held import then meets it at its next batch.
    await dialog.waitFor({ state: 'detached' });
    await release();

    const cancelled = page.getByTestId('import-cancelled');
    await cancelled.waitFor({ timeout: 30_000 });
    expect(await cancelled.textContent()).toMatch(/stays? applied/);
    expect(await page.getByTestId('apply-step-stopped').textContent()).toContain('Cancelled');
    await page.getByRole('heading', { name: 'Results' }).waitFor();
    const added = Number((await page.locator('[data-count="add"]').textContent())?.replace(/\D/g, ''));
    // The first batch, which committed before the cancel; none after it.
    expect(added).toBe(2000);
    // What was applied stays listed, row by row.
    await page.locator('tr[data-action="add"]').first().waitFor();
    expect(await page.getByTestId('cancel-import').count()).toBe(0);
    await screenshot(page, 'csv-import-cancelled');
  });
});
