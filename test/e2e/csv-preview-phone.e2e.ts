// On a phone (390 px) the CSV preview shows each row's number, action and reasons inside the screen:
// no column cut off, nothing to scroll sideways for. A desktop keeps the table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BrowserSession } from './helpers/browser.ts';
import { openBrowser } from './helpers/browser.ts';
import type { HubServer } from './helpers/hub-server.ts';
import { startHubServer } from './helpers/hub-server.ts';
import { csvWithOneBadRow } from './helpers/ui.ts';

let server: HubServer;
let browser: BrowserSession;
let page: Page;
let csvUrl = '';

/** The page's document width (the test files compile without the DOM lib). */
interface PageDocument {
  document: { documentElement: { scrollWidth: number } };
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
  csvUrl = `${page.url().replace(/\/$/, '')}/users/csv`;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function dryRun(domain: string): Promise<void> {
  await page.goto(csvUrl);
  await page.getByTestId('file-input').setInputFiles({
    name: 'users.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csvWithOneBadRow(domain)),
  });
  await page.getByTestId('local-preview').waitFor();
  await page.getByTestId('upload').click();
  await page.getByTestId('import-counts').waitFor({ timeout: 60_000 });
}

describe('CSV preview on a phone', () => {
  it('shows row, action and reason of an error row within 390 px', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await dryRun('phone.example');
    const card = page.locator('li[data-action="error"]').first();
    await card.waitFor();
    for (const part of [
      card.getByText('Row 4', { exact: true }),
      card.getByText('Error', { exact: true }),
      card.getByText(/Row 4, Location: /),
    ]) {
      const box = await part.boundingBox();
      expect(box).not.toBeNull();
      if (box) {
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(390);
      }
    }
    const width = await page.evaluate(
      () => (globalThis as unknown as PageDocument).document.documentElement.scrollWidth,
    );
    expect(width).toBeLessThanOrEqual(390);
  });

  it('keeps the table on a desktop', async () => {
    await page.setViewportSize({ width: 1366, height: 860 });
    await dryRun('desktop.example');
    await page.locator('tr[data-action="error"]').first().waitFor();
    expect(await page.getByRole('table', { name: 'Rows of the file' }).count()).toBe(1);
  });
});
