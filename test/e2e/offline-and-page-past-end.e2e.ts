// In a real Chromium against the real server: a screen whose data load is paused offline says so
// and loads once the connection is back; a customers list URL past the last page shows the last
// page, says so, and the address bar ends up telling the truth.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BrowserSession } from './helpers/browser.ts';
import { openBrowser } from './helpers/browser.ts';
import type { HubServer } from './helpers/hub-server.ts';
import { startHubServer } from './helpers/hub-server.ts';
import { signIn } from './helpers/sign-in.ts';

let server: HubServer;
let browser: BrowserSession;
let page: Page;

beforeAll(async () => {
  server = await startHubServer();
  browser = await openBrowser('en-US');
  page = browser.page;
  await signIn(page, server);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const nav = (name: string) =>
  page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name, exact: true });
const main = () => page.getByRole('main');

describe('a screen waiting for the connection', () => {
  it('says the admin is offline and that it loads when the connection is back, then loads', async () => {
    await browser.context.setOffline(true);
    await nav('Admins').click();
    await main().getByRole('heading', { name: 'Admins', level: 1 }).waitFor();
    const notice = main().getByText('This screen loads when the connection is back.');
    await notice.waitFor();
    expect(await main().getByText('You are offline').count()).toBe(1);
    await browser.context.setOffline(false);
    await main().getByText('Demo Admin').first().waitFor();
    await notice.waitFor({ state: 'detached' });
  });
});

describe('a customers list URL past the last page', () => {
  it('shows the last page, says page 999 does not exist, and settles the URL', async () => {
    await page.goto(`${server.baseUrl}/partner/customers?page=999`);
    await main().getByText('Page 999 does not exist').waitFor();
    // The list settles the address (history.replace) in an effect of its own: read until it has.
    await expect.poll(() => new URL(page.url()).searchParams.get('page')).not.toBe('999');
  });
});
