// On a phone (390 px wide): the audit log's filter stays within the page (nothing to scroll
// sideways for), and the Control Hub header keeps naming the customer, cut with an ellipsis and
// whole in its tooltip. The open menu keeps Tab to itself and closes on Escape; a flow's steps
// wrap without lines that point at no step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BrowserSession } from './helpers/browser.ts';
import { openBrowser, screenshot } from './helpers/browser.ts';
import type { HubServer } from './helpers/hub-server.ts';
import { startHubServer } from './helpers/hub-server.ts';

const demoCustomer = 'Bakkerij De Vries';
let server: HubServer;
let browser: BrowserSession;
let page: Page;
let controlHubUrl = '';

/** The page's widths (the test files compile without the DOM lib). */
interface PageWindow {
  innerWidth: number;
  document: { documentElement: { scrollWidth: number } };
}

async function pageWidths(): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => {
    const view = globalThis as unknown as PageWindow;
    return { scrollWidth: view.document.documentElement.scrollWidth, innerWidth: view.innerWidth };
  });
}

beforeAll(async () => {
  server = await startHubServer();
  browser = await openBrowser('en-US');
  page = browser.page;
  await page.goto(`${server.baseUrl}/login`);
  await page.getByRole('textbox', { name: 'Email' }).fill(server.email);
  await page.getByLabel(/^Password/).fill(server.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByTestId('customers-table').getByRole('link', { name: demoCustomer }).click();
  await page.getByTestId('open-control-hub').click();
  await page.getByTestId('hub-name').filter({ hasText: 'Control Hub' }).waitFor();
  controlHubUrl = page.url().replace(/\/$/, '');
  await page.setViewportSize({ width: 390, height: 844 });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('Control Hub on a 390 px screen', () => {
  it('keeps the audit log and its filter within the page', async () => {
    await page.goto(`${controlHubUrl}/audit`);
    const filter = page.getByRole('combobox', { name: 'Filter by action' });
    await filter.waitFor();
    await page.getByRole('table').first().waitFor();
    const { scrollWidth, innerWidth } = await pageWidths();
    expect(innerWidth).toBe(390);
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    const box = await filter.boundingBox();
    expect(box).not.toBeNull();
    if (box) expect(box.x + box.width).toBeLessThanOrEqual(innerWidth);
    await screenshot(page, 'narrow-audit');
  });

  it("shows the customer's name in the header, whole in its tooltip", async () => {
    await page.goto(`${controlHubUrl}/users`);
    const name = page.getByRole('banner').getByTestId('control-hub-customer');
    await name.filter({ hasText: demoCustomer }).waitFor();
    expect(await name.isVisible()).toBe(true);
    expect(await name.getAttribute('title')).toBe(demoCustomer);
    const box = await name.boundingBox();
    expect(box).not.toBeNull();
    if (box) {
      expect(box.width).toBeGreaterThan(40);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    const { scrollWidth, innerWidth } = await pageWidths();
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  });

  it('keeps Tab in the open menu, not on the page hidden behind it; Escape closes the menu', async () => {
    await page.goto(`${controlHubUrl}/users`);
    await page.getByRole('button', { name: 'Manage users' }).waitFor();
    const burger = page.getByRole('button', { name: 'Toggle navigation' });
    await burger.click();
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('button', { name: 'Sign out' })
      .waitFor();
    // Past the menu's last item, a Tab must not land on the page the menu covers.
    const inMain: string[] = [];
    for (let step = 0; step < 20; step += 1) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const active = (globalThis as unknown as { document: { activeElement: FocusedElement | null } })
          .document.activeElement;
        return active?.closest('#main-content') ? (active.textContent ?? '').trim() || active.tagName : null;
      });
      if (focused) inMain.push(focused);
    }
    expect(inMain).toEqual([]);
    await page.keyboard.press('Escape');
    // The app closes the menu by a state change React draws after the key's event: read until then.
    await expect.poll(async () => burger.getAttribute('aria-expanded')).toBe('false');
    await expect
      .poll(async () => burger.evaluate((element) => element === element.ownerDocument.activeElement))
      .toBe(true);
    await page.getByRole('button', { name: 'Manage users' }).click();
    await page.getByRole('menuitem', { name: 'Add users manually' }).waitFor();
  });

  it("wraps a flow's steps without connector lines that end at no step", async () => {
    for (const [path, steps] of [
      ['/partner/customers/new', 5],
      [`${new URL(controlHubUrl).pathname}/users/csv`, 4],
      [`${new URL(controlHubUrl).pathname}/users/add`, 3],
    ] as const) {
      await page.goto(`${server.baseUrl}${path}`);
      const step = page.locator('.mantine-Stepper-step');
      await step.first().waitFor();
      expect(await step.count()).toBe(steps);
      // Wrapped onto several rows, a line between two steps would run to the edge of the screen or
      // start a row: each visible connector must sit between two steps on its own row.
      const misplaced = await page.evaluate(() => {
        interface Box {
          left: number;
          right: number;
          top: number;
          bottom: number;
          width: number;
        }
        interface Element {
          getBoundingClientRect: () => Box;
        }
        const view = globalThis as unknown as {
          document: { querySelectorAll: (selector: string) => Element[] };
        };
        const stepBoxes = [...view.document.querySelectorAll('.mantine-Stepper-step')].map((element) =>
          element.getBoundingClientRect(),
        );
        const sameRow = (a: Box, b: Box) => a.top < b.bottom && b.top < a.bottom;
        return [...view.document.querySelectorAll('.mantine-Stepper-separator')]
          .map((element) => element.getBoundingClientRect())
          .filter((line) => line.width > 0)
          .filter(
            (line) =>
              !stepBoxes.some((box) => sameRow(box, line) && box.right <= line.left + 1) ||
              !stepBoxes.some((box) => sameRow(box, line) && box.left >= line.right - 1),
          ).length;
      });
      expect(misplaced, path).toBe(0);
    }
    await screenshot(page, 'narrow-stepper');
  });

  it('in Dutch, shows the "Geen limiet" of each package limit whole in Change packages', async () => {
    const dutch = page.getByTestId('mobile-header-actions').getByText('NL', { exact: true });
    const english = page.getByTestId('mobile-header-actions').getByText('EN', { exact: true });
    const burger = page.getByRole('button', { name: /Toggle navigation|Navigatie tonen of verbergen/ });
    /** Each visible limit field: how wide its placeholder is, and the room the field gives it. */
    const limitFields = () =>
      page.evaluate(() => {
        interface Field {
          placeholder: string;
          clientWidth: number;
          offsetParent: unknown;
        }
        interface Style {
          paddingLeft: string;
          paddingRight: string;
          font: string;
          fontWeight: string;
          fontSize: string;
          fontFamily: string;
        }
        const view = globalThis as unknown as {
          document: {
            querySelectorAll: (selector: string) => Field[];
            createElement: (tag: 'canvas') => {
              getContext: (kind: '2d') => { font: string; measureText: (text: string) => { width: number } };
            };
          };
          getComputedStyle: (field: Field) => Style;
        };
        const context = view.document.createElement('canvas').getContext('2d');
        return [...view.document.querySelectorAll('input[placeholder="Geen limiet"]')]
          .filter((field) => field.offsetParent !== null)
          .map((field) => {
            const style = view.getComputedStyle(field);
            context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
            const room = field.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
            return { text: Math.ceil(context.measureText(field.placeholder).width), room: Math.floor(room) };
          });
      });
    await page.goto(`${server.baseUrl}/partner/customers`);
    await burger.click();
    await dutch.click();
    await burger.click();
    try {
      await page.getByTestId('customers-table').getByRole('link', { name: demoCustomer }).click();
      await page.getByRole('button', { name: 'Pakketten wijzigen' }).click();
      await page.getByRole('dialog', { name: `Pakketten van ${demoCustomer} wijzigen` }).waitFor();
      const inDialog = await limitFields();
      expect(inDialog.length).toBeGreaterThan(0);
      for (const field of inDialog) expect(field.room).toBeGreaterThanOrEqual(field.text);
      // …without pushing the table past the dialog's edge.
      const body = page.getByRole('dialog').locator('.mantine-Modal-body');
      expect(await body.evaluate((element) => element.scrollWidth - element.clientWidth)).toBeLessThanOrEqual(
        0,
      );
      await page.keyboard.press('Escape');
    } finally {
      await page.goto(`${server.baseUrl}/partner/customers`);
      await burger.click();
      await english.click();
    }
  });
});

/** The focused element, as far as the test reads it (the test files compile without the DOM lib). */
interface FocusedElement {
  tagName: string;
  textContent: string | null;
  closest: (selector: string) => unknown;
}
