// Double clicks and reloads in a real Chromium against the real server: a double click on "Apply changes"
// sends one apply (the second used to get 409 and leave the page on the preview, where Start over
// cancelled the import being applied), and the import on screen is in the address, so a reload opens it
// again in its current state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BrowserSession } from './helpers/browser.ts';
import { openBrowser } from './helpers/browser.ts';
import type { HubServer } from './helpers/hub-server.ts';
import { startHubServer } from './helpers/hub-server.ts';

let server: HubServer;
let browser: BrowserSession;
let page: Page;

function smallCsv(domain: string): string {
  const header =
    'First Name,Last Name,User ID/Email (Required),Webex Meetings,Jabber Calling,Jabber with Webex Teams,Preferred Webex Site';
  const rows = Array.from(
    { length: 20 },
    (_, index) => `Twice,User ${index},twice.${index}@${domain},TRUE,FALSE,FALSE,acme.webex.com`,
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

describe('CSV import: a double click on Apply, then a reload', () => {
  it('applies once, shows the results, and shows them again after a reload', async () => {
    const applies: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/apply')) applies.push(request.url());
    });
    await page.goto(`${page.url().replace(/\/$/, '')}/users/csv`);
    await page.getByTestId('file-input').setInputFiles({
      name: 'twice.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(smallCsv(`twice-${Date.now().toString(36)}.example`)),
    });
    await page.getByTestId('local-preview').waitFor();
    await page.getByTestId('upload').click();
    await page.getByTestId('import-counts').waitFor({ timeout: 110_000 });
    await expect.poll(() => page.url()).toMatch(/[?&]job=/);
    await page.getByTestId('apply-import').dblclick();
    await page.getByRole('heading', { name: 'Results' }).waitFor({ timeout: 60_000 });
    expect(applies).toHaveLength(1);
    expect(await page.getByText('The import changed meanwhile.').count()).toBe(0);
    await page.reload();
    await page.getByRole('heading', { name: 'Results' }).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('apply-import').count()).toBe(0);
  });
});
