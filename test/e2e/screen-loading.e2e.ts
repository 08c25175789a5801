// Moving between screens whose code loads on first use (ADR 0071), in a real Chromium against the
// real server: a slow chunk shows an announced loading status at once (not the old screen), and a
// chunk that failed while offline loads once the connection is back, by "Try again" or by going
// elsewhere and back, without reloading the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
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

describe('moving between screens', () => {
  it('says the next screen is loading while its code is on its way, and only then shows it', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const chunks: string[] = [];
    const holdChunks = async (route: Route) => {
      chunks.push(route.request().url());
      await held;
      await route.continue();
    };
    await page.route(/\/assets\/[^/]+\.js$/, holdChunks);
    await nav('API tokens').click();
    await main().getByRole('status').filter({ hasText: 'Loading page…' }).waitFor({ state: 'attached' });
    // The request reaches the route handler through the browser's protocol, not in step with what
    // the page draws: the status can be on screen a moment before the handler has run.
    await expect.poll(() => chunks.length, { message: "the screen's code was asked for" }).toBeGreaterThan(0);
    expect(await main().getByRole('heading', { name: 'Customers', level: 1 }).count()).toBe(0);
    await expect.poll(async () => nav('API tokens').getAttribute('aria-current')).toBe('page');
    release();
    await main().getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();
    await page.unroute(/\/assets\/[^/]+\.js$/, holdChunks);
  });

  // The partner's Admins screen is part of the first load's code now (too small for a chunk of its
  // own): offline, its code is there and its data waits for the connection (TanStack Query pauses
  // queries while the browser is offline). A screen whose code fails offline is the next test's.
  it('shows a screen whose code is loaded while offline, and loads its data once the connection is back', async () => {
    await browser.context.setOffline(true);
    await nav('Admins').click();
    await main().getByRole('heading', { name: 'Admins', level: 1 }).waitFor();
    await browser.context.setOffline(false);
    await main()
      .getByRole('cell', { name: 'Demo Admin' })
      .or(main().getByText('Demo Admin'))
      .first()
      .waitFor();
  });

  it('loads a screen that failed offline on "Try again" once the connection is back', async () => {
    await nav('Customers').click();
    await browser.context.setOffline(true);
    await main().getByRole('link', { name: 'Create customer' }).click();
    await main().getByRole('heading', { name: 'You are offline' }).waitFor();
    await browser.context.setOffline(false);
    const chunks = trackChunks();
    await main().getByRole('button', { name: 'Try again' }).click();
    await main().getByRole('heading', { name: 'Create customer', level: 1 }).waitFor();
    // 'requestfinished' is an event of its own, not ordered with what the page draws.
    await expect
      .poll(() => chunks.length, { message: 'the failed chunk was asked for again' })
      .toBeGreaterThan(0);
  });
});

/** The script chunks the page fetches from now on. */
function trackChunks(): string[] {
  const chunks: string[] = [];
  page.on('requestfinished', (request) => {
    if (/\/assets\/[^/]+\.js$/.test(request.url())) chunks.push(request.url());
  });
  return chunks;
}
