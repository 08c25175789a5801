// What the admin sees when things fail, in a real Chromium against the real server: a session that
// ends in another tab asks to sign in again over the screen (a half-filled form survives it), a
// list that cannot load says why in the admin's words with Try again and no pager, and recovers;
// an unknown customer is "not found", not an error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BrowserSession } from './helpers/browser.ts';
import { openBrowser } from './helpers/browser.ts';
import type { HubServer } from './helpers/hub-server.ts';
import { startHubServer } from './helpers/hub-server.ts';
import { fill } from './helpers/ui.ts';

let server: HubServer;
let browser: BrowserSession;
let page: Page;

async function signIn(on: Page): Promise<void> {
  await on.goto(`${server.baseUrl}/login`);
  await fill(on, 'Email address', server.email);
  await on.getByLabel(/^Password/).fill(server.password);
  await on.getByRole('button', { name: 'Sign in' }).click();
  await on.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
}

beforeAll(async () => {
  server = await startHubServer();
  browser = await openBrowser('en-US');
  page = browser.page;
  await signIn(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const main = () => page.getByRole('main');
const customersApi = /\/v1\/customers(\?.*)?$/;

describe('failures the admin can recover from', () => {
  it('words a list that cannot load, offers Try again without the pager, and recovers', async () => {
    await page.route(customersApi, (route) => route.abort('connectionrefused'));
    await page.goto(`${server.baseUrl}/partner/customers`);
    const alert = main().getByRole('alert');
    await alert.filter({ hasText: 'This could not be loaded' }).waitFor({ timeout: 60_000 });
    expect(await alert.textContent()).toContain('The server could not be reached');
    expect(await alert.textContent()).not.toContain('Failed to fetch');
    expect(await main().getByRole('button', { name: 'Next' }).count()).toBe(0);
    await page.unroute(customersApi);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await page.getByTestId('customers-table').waitFor();
  });

  it('words a proxy’s 503 with Retry-After', async () => {
    await page.route(customersApi, (route) =>
      route.fulfill({ status: 503, headers: { 'Retry-After': '1' }, body: '<html>busy</html>' }),
    );
    await page.goto(`${server.baseUrl}/partner/customers`);
    const alert = main().getByRole('alert').filter({ hasText: 'This could not be loaded' });
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.textContent()).toContain('Try again in 1 s');
    expect(await alert.textContent()).not.toContain('HTTP 503');
    await page.unroute(customersApi);
  });

  it('shows an unknown customer as not found', async () => {
    await page.goto(`${server.baseUrl}/partner/customers/00000000-0000-4000-8000-000000000000`);
    await main().getByRole('heading', { name: 'Page not found' }).waitFor();
    expect(await main().getByText('could not be saved').count()).toBe(0);
  });

  it('asks to sign in again over a half-filled form when another tab signs out, and keeps it', async () => {
    await page.goto(`${server.baseUrl}/partner/customers`);
    await page.getByTestId('customers-table').getByRole('link').first().click();
    await page.getByTestId('open-control-hub').click();
    // A link inside the app: the click returns before the router has moved the address there.
    await page.waitForURL((url) => url.pathname.startsWith('/control/'));
    const customerPath = new URL(page.url()).pathname;
    await page.goto(`${server.baseUrl}${customerPath}/users/add`);
    const row = page.getByTestId('manual-row-1');
    await row.getByRole('textbox', { name: /First name/ }).fill('Half');

    const other = await browser.context.newPage();
    await other.goto(`${server.baseUrl}/partner/customers`);
    await other.getByTestId('customers-table').waitFor();
    const menu = other.getByRole('button', { name: 'Sign out' });
    if ((await menu.count()) === 0) {
      await other.getByRole('banner').getByRole('button').last().click();
      await other.getByRole('menuitem', { name: 'Sign out' }).click();
    } else await menu.first().click();
    await other.waitForURL(/\/login/);
    await other.close();

    await page.bringToFront();
    const dialog = page.getByRole('dialog', { name: 'Your session has ended' });
    await dialog.waitFor();
    expect(await dialog.textContent()).not.toContain('Bearer');
    expect(await dialog.getByRole('link', { name: 'Go to sign-in' }).getAttribute('href')).toBe(
      `/login?next=${encodeURIComponent(`${customerPath}/users/add`)}`,
    );
    await dialog.getByLabel(/^Password/).fill(server.password);
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(page.url()).toContain('/users/add');
    expect(await row.getByRole('textbox', { name: /First name/ }).inputValue()).toBe('Half');
  });
});
