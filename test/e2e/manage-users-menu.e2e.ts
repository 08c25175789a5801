// The Control Hub "Manage users" menu opens inline (no portal) so it stays in the main landmark. This
// checks that it still works where a portal usually helps: by keyboard alone, and on a phone-sized
// screen, where the open menu must fit the screen and not be clipped or covered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BrowserSession } from './helpers/browser.ts';
import { openBrowser } from './helpers/browser.ts';
import type { HubServer } from './helpers/hub-server.ts';
import { startHubServer } from './helpers/hub-server.ts';

let server: HubServer;
let browser: BrowserSession;
let page: Page;
let usersUrl = '';

/** The few browser globals these checks read inside the page (the test files compile without the DOM lib). */
interface PageDocument {
  document: {
    activeElement: unknown;
    elementFromPoint: (x: number, y: number) => { closest: (selector: string) => unknown } | null;
  };
}

beforeAll(async () => {
  server = await startHubServer();
  browser = await openBrowser('en-US');
  page = browser.page;
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(`${server.baseUrl}/login`);
  await page.getByRole('textbox', { name: 'Email' }).fill(server.email);
  await page.getByLabel(/^Password/).fill(server.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByTestId('customers-table').getByRole('link', { name: 'Bakkerij De Vries' }).click();
  await page.getByTestId('open-control-hub').click();
  await page.getByTestId('hub-name').filter({ hasText: 'Control Hub' }).waitFor();
  usersUrl = `${page.url().replace(/\/$/, '')}/users`;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe.each([
  ['desktop', { width: 1366, height: 860 }],
  ['phone', { width: 375, height: 740 }],
])('Manage users menu on a %s screen', (_screen, viewport) => {
  beforeAll(async () => {
    await page.setViewportSize(viewport);
    await page.goto(usersUrl);
    await page.getByTestId('users-table').waitFor();
  });

  it('opens by keyboard inside the main landmark, fits the screen and closes with Escape', async () => {
    const button = page.getByTestId('manage-users');
    await button.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu');
    await menu.waitFor();
    expect(await page.getByRole('main').getByRole('menu').count()).toBe(1);

    // Arrow keys move through the entries; Enter on one follows its link. The menu takes focus a
    // tick after it opens; an arrow key sent before that would land on the button.
    await expect.poll(async () => menu.locator(':focus').count()).toBe(1);
    const entryText = async (): Promise<string | null> => page.locator(':focus').textContent();
    const first = await entryText();
    await page.keyboard.press('ArrowDown');
    await expect.poll(entryText).not.toBe(first);
    await expect.poll(async () => page.locator(':focus').getAttribute('role')).toBe('menuitem');

    const box = await menu.boundingBox();
    expect(box).not.toBeNull();
    if (box) {
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      // Nothing else is drawn over the menu (the table below it, the header): its centre is its own.
      const onTop = await page.evaluate(
        ({ x, y }) =>
          ((globalThis as unknown as PageDocument).document
            .elementFromPoint(x, y)
            ?.closest('[role="menu"]') ?? null) !== null,
        { x: box.x + box.width / 2, y: box.y + box.height / 2 },
      );
      expect(onTop).toBe(true);
    }

    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    // Focus goes back to the button as the menu closes, and once more 10 ms later if it was lost.
    await expect
      .poll(async () =>
        button.evaluate(
          (element) => element === (globalThis as unknown as PageDocument).document.activeElement,
        ),
      )
      .toBe(true);
  });

  it('leads to Add users manually by keyboard', async () => {
    await page.getByTestId('manage-users').focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu');
    await menu.waitFor();
    // The menu puts focus on its first entry a tick after it opens: focus moved before that would be
    // taken back, and Enter would land on whatever entry that is.
    await expect.poll(async () => menu.locator(':focus').count()).toBe(1);
    await page.getByRole('menuitem', { name: 'Add users manually' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/users\/add$/);
  });
});
