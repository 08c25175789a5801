// axe-core on every main screen of the web app, in English and in Dutch, in a real Chromium against
// the real server (`hub serve --demo` and its demo customer). A WCAG 2.1 A/AA violation of impact
// serious or critical fails, naming the screen, the rule and the elements; milder ones are printed.
// One server, one browser, one page: screens are reached by URL or by a click, never by a journey.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import en from '../../web/src/i18n/locales/en.json' with { type: 'json' };
import nl from '../../web/src/i18n/locales/nl.json' with { type: 'json' };
import type { PageGlobals } from './helpers/axe.ts';
import { accessibilityProblems, writeAccessibilityReport } from './helpers/axe.ts';
import type { BrowserSession } from './helpers/browser.ts';
import { openBrowser } from './helpers/browser.ts';
import type { HubServer } from './helpers/hub-server.ts';
import { startHubServer } from './helpers/hub-server.ts';
import { csvWithOneBadRow } from './helpers/ui.ts';

type Language = 'en' | 'nl';
const languages: readonly Language[] = ['en', 'nl'];
const locales: Record<Language, unknown> = { en, nl };

/** The app's own words for a key, so one script drives both languages. */
function text(language: Language, key: string): string {
  const found = key
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined,
      locales[language],
    );
  if (typeof found !== 'string') throw new Error(`no ${language} text for ${key}`);
  return found;
}

let server: HubServer;
let browser: BrowserSession;
let page: Page;
let customerUrl = '';
let controlHubUrl = '';
let userUrl = '';

beforeAll(async () => {
  server = await startHubServer();
  browser = await openBrowser('en-US');
  page = browser.page;
  // The theme honours reduced motion: dialogs open at once, so axe never sees a half-faded one.
  await page.emulateMedia({ reducedMotion: 'reduce' });
});

afterAll(async () => {
  await writeAccessibilityReport();
  await browser?.close();
  await server?.stop();
});

/** Waits until the screen has a title of its own and has loaded its data (no skeletons, no spinners). */
async function settle(): Promise<void> {
  await page.locator('h1:not([data-axe-seen]), h2:not([data-axe-seen])').first().waitFor();
  await page.locator('.mantine-Skeleton-root, .mantine-Loader-root').first().waitFor({ state: 'detached' });
}

/** Checks the screen as it is now; a failure names it, and the other screens are still checked. */
async function check(screen: string, language: Language): Promise<void> {
  const problems = await accessibilityProblems(page, `${screen} (${language})`);
  const report = `${screen} (${language}) has serious accessibility violations:\n${problems.join('\n')}`;
  expect.soft(problems.length, report).toBe(0);
}

/**
 * Goes to a screen inside the app the way its links do (History API, no reload: the bundle and axe
 * stay loaded, which keeps this file quick), waits for it and checks it.
 */
async function open(url: string, screen: string, language: Language): Promise<void> {
  await page.evaluate((next) => {
    const browser = globalThis as unknown as PageGlobals;
    if (browser.location.pathname === next) return;
    // The titles on screen now belong to the previous screen; settle() waits for a new one.
    for (const title of browser.document.querySelectorAll('h1, h2')) title.setAttribute('data-axe-seen', '');
    // React Router follows popstate: the app renders the new path as after a click on a link.
    browser.history.pushState(null, '', next);
    browser.dispatchEvent(new browser.PopStateEvent('popstate'));
  }, new URL(url).pathname);
  await settle();
  await check(screen, language);
}

/**
 * Closes the open menu with Escape. Mantine's menu hears Escape only with focus inside it, and it
 * takes focus a tick after it opens: the key waits for focus to arrive, or it would go to the page.
 */
async function closeMenu(): Promise<void> {
  const menu = page.getByRole('menu');
  await expect
    .poll(async () => menu.evaluate((node) => node.contains(node.ownerDocument.activeElement)))
    .toBe(true);
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });
}

/** Opens a dialog with `opener`, checks the screen with it open, and closes it with Escape. */
async function checkDialog(opener: Locator, screen: string, language: Language): Promise<void> {
  await opener.click();
  await page.getByRole('dialog').waitFor();
  await check(screen, language);
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
}

/** Reloads the app in `language`, as a person's earlier choice would. */
async function useLanguage(language: Language): Promise<void> {
  if (!page.url().startsWith(server.baseUrl)) await page.goto(`${server.baseUrl}/login`);
  await page.evaluate(
    (chosen) => (globalThis as unknown as PageGlobals).localStorage.setItem('hub.languageChoice', chosen),
    language,
  );
  await page.reload();
  await settle();
}

describe.each(languages)('accessibility in %s', (language) => {
  beforeAll(async () => useLanguage(language));

  it('signed-out pages: sign-in, sign-up, password-reset request', async () => {
    await open(`${server.baseUrl}/login`, 'sign-in', language);
    // The document's language follows the app's, so a screen reader reads Dutch as Dutch.
    await expect.poll(async () => page.locator('html').getAttribute('lang')).toBe(language);
    // Sent empty: each field says what is wrong, and that must be as readable as the rest.
    await page.getByRole('button', { name: text(language, 'auth.signIn'), exact: true }).click();
    await page.getByText(text(language, 'validation.email')).waitFor();
    await check('sign-in with errors', language);
    await open(`${server.baseUrl}/signup`, 'sign-up', language);
    await open(`${server.baseUrl}/forgot-password`, 'password-reset request', language);
    if (language === 'en') {
      await page.goto(`${server.baseUrl}/login`);
      await page.getByRole('textbox', { name: text(language, 'auth.email') }).fill(server.email);
      await page.getByLabel(new RegExp(`^${text(language, 'auth.password')}`)).fill(server.password);
      await page.getByRole('button', { name: text(language, 'auth.signIn'), exact: true }).click();
      await page.getByTestId('customers-table').waitFor();
    }
  });

  it('Partner Hub: customers, create-customer wizard, customer detail, admins, API tokens', async () => {
    await open(`${server.baseUrl}/partner/customers`, 'customers list', language);
    if (!customerUrl) {
      await page.getByTestId('customers-table').getByRole('link', { name: 'Bakkerij De Vries' }).click();
      await page.getByTestId('open-control-hub').waitFor();
      customerUrl = page.url();
    }
    await open(customerUrl, 'customer detail', language);
    await checkDialog(page.getByTestId('edit-customer'), 'edit-customer dialog', language);
    await checkDialog(page.getByTestId('edit-packages'), 'edit-packages dialog', language);
    await checkDialog(page.getByTestId('delete-customer'), 'delete-customer dialog', language);

    await open(`${server.baseUrl}/partner/customers/new`, 'create customer: organization', language);
    const next = page.getByRole('button', { name: text(language, 'common.next'), exact: true });
    await page.getByRole('textbox', { name: text(language, 'customers.name') }).fill('Axe Check BV');
    await page.getByRole('textbox', { name: text(language, 'customers.externalId') }).fill('AXE-1');
    await page
      .getByRole('textbox', { name: text(language, 'customers.adminEmail') })
      .fill('admin@axe.example');
    await next.click();
    await page.getByRole('textbox', { name: text(language, 'address.line1') }).waitFor();
    await check('create customer: address', language);
    await page.getByRole('textbox', { name: text(language, 'address.line1') }).fill('Damrak 1');
    await page.getByRole('textbox', { name: text(language, 'address.city') }).fill('Amsterdam');
    await next.click();
    const calling = page.getByLabel(text(language, 'packages.webex_calling'), { exact: true });
    await calling.waitFor();
    await calling.check();
    await check('create customer: packages', language);
    await next.click();
    await page.getByRole('textbox', { name: text(language, 'locations.name') }).waitFor();
    await check('create customer: first location', language);
    await page.getByRole('textbox', { name: text(language, 'locations.name') }).fill('Amsterdam HQ');
    await page.getByRole('textbox', { name: text(language, 'address.line1') }).fill('Damrak 1');
    await page.getByRole('textbox', { name: text(language, 'address.city') }).fill('Amsterdam');
    await next.click();
    await page.getByRole('button', { name: text(language, 'wizard.create'), exact: true }).waitFor();
    await check('create customer: review', language);

    // The demo admin's account menu, in the header.
    await page.getByRole('banner').getByRole('button', { name: 'Demo Admin' }).click();
    await page.getByRole('menu').waitFor();
    await check('account menu', language);
    await closeMenu();
    await open(`${server.baseUrl}/partner/admins`, 'Partner Hub admins', language);
    await open(`${server.baseUrl}/partner/tokens`, 'API tokens', language);
  });

  it('Control Hub: users, user detail, change-package dialog, manage users', async () => {
    if (!controlHubUrl) {
      await page.goto(customerUrl);
      await page.getByTestId('open-control-hub').click();
      await page.getByTestId('hub-name').filter({ hasText: 'Control Hub' }).waitFor();
      controlHubUrl = page.url().replace(/\/$/, '');
    }
    await open(`${controlHubUrl}`, 'Control Hub overview', language);
    await open(`${controlHubUrl}/users`, 'users list', language);
    await page.getByTestId('manage-users').click();
    await page.getByRole('menu').waitFor();
    await check('Manage users menu', language);
    await closeMenu();
    if (!userUrl) {
      await page.getByTestId('users-table').getByRole('link').first().click();
      await page.getByTestId('user-package').waitFor();
      userUrl = page.url();
    }
    await open(userUrl, 'user detail', language);
    await checkDialog(page.getByTestId('package-arrow'), 'change-package dialog', language);
    await checkDialog(page.getByTestId('edit-user'), 'edit-user dialog', language);
    await checkDialog(page.getByTestId('remove-user'), 'remove-user dialog', language);

    await open(`${controlHubUrl}/users/add`, 'add users manually', language);
    await open(`${controlHubUrl}/users/csv`, 'CSV add or modify', language);
    // The dry run's preview (counts, rows, one error) is the page's busiest state; nothing is applied.
    await page.getByTestId('file-input').setInputFiles({
      name: 'users.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csvWithOneBadRow(`axe-${language}.example`)),
    });
    await page.getByTestId('local-preview').waitFor();
    await page.getByTestId('upload').click();
    await page.getByTestId('import-counts').waitFor({ timeout: 60_000 });
    await page.locator('tr[data-action="error"]').first().waitFor();
    await check('CSV preview', language);
    await open(`${controlHubUrl}/users/claim`, 'claim users', language);
    await open(`${controlHubUrl}/users/directory-sync`, 'directory sync', language);
    // A new token: shown once, and listed in the tokens table with its revoke button.
    await page.getByRole('button', { name: text(language, 'directorySync.newToken'), exact: true }).click();
    await page.getByTestId('scim-token').waitFor();
    await check('directory sync with a new token', language);
  });

  it('Control Hub: locations, numbers, settings, audit log, admins', async () => {
    await open(`${controlHubUrl}/locations`, 'locations', language);
    const add = (key: string) => page.getByRole('button', { name: text(language, key), exact: true });
    await checkDialog(add('locations.add'), 'add-location dialog', language);
    await open(`${controlHubUrl}/numbers`, 'numbers', language);
    await checkDialog(add('numbers.add'), 'add-numbers dialog', language);
    await open(`${controlHubUrl}/settings`, 'settings', language);
    await open(`${controlHubUrl}/audit`, 'audit log', language);
    await open(`${controlHubUrl}/admins`, 'Control Hub admins', language);
  });
});

describe('accessibility on a phone-sized screen', () => {
  beforeAll(async () => {
    await useLanguage('en');
    await page.setViewportSize({ width: 390, height: 844 });
  });

  it('the main lists and the opened navigation', async () => {
    await open(`${server.baseUrl}/partner/customers`, 'customers list, phone', 'en');
    await open(`${controlHubUrl}/users`, 'users list, phone', 'en');
    await page.getByRole('button', { name: text('en', 'nav.toggle') }).click();
    await page.getByRole('navigation', { name: text('en', 'nav.main') }).waitFor();
    await check('opened navigation, phone', 'en');
    await open(`${controlHubUrl}/numbers`, 'numbers, phone', 'en');
  });

  it("the claim page's package field shows its whole placeholder, in English and Dutch", async () => {
    for (const language of languages) {
      await useLanguage(language);
      await open(`${controlHubUrl}/users/claim`, 'claim users, phone', language);
      const field = page.getByLabel(text(language, 'claims.packageLabel'), { exact: true }).first();
      // A placeholder never wraps: the text, in the field's own font, must fit between its paddings.
      const { placeholder, textWidth, room } = await field.evaluate((element) => {
        const input = element as unknown as { placeholder: string; clientWidth: number };
        const browser = globalThis as unknown as PlaceholderGlobals;
        const style = browser.getComputedStyle(element);
        const context = browser.document.createElement('canvas').getContext('2d');
        context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        return {
          placeholder: input.placeholder,
          textWidth: context.measureText(input.placeholder).width,
          room: input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
        };
      });
      expect(placeholder).toBe(text(language, 'claims.packageDefault'));
      expect(textWidth, `"${placeholder}" (${language}) is cut off`).toBeLessThanOrEqual(room);
    }
    await useLanguage('en');
  });
});

/** What the placeholder measurement uses of the page (the tests compile without the DOM types). */
interface PlaceholderGlobals {
  getComputedStyle: (
    element: unknown,
  ) => Record<
    'fontStyle' | 'fontWeight' | 'fontSize' | 'fontFamily' | 'paddingLeft' | 'paddingRight',
    string
  >;
  document: {
    createElement: (tag: 'canvas') => {
      getContext: (kind: '2d') => { font: string; measureText: (text: string) => { width: number } };
    };
  };
}
