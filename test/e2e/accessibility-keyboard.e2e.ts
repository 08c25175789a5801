// Beyond axe's rules: the help text's steps walked by keyboard alone, in English and in Dutch, in a
// real Chromium against the real server (`hub serve --demo`). Checks what a keyboard or screen-reader
// user gets that a static scan cannot see: where focus goes after a move to another screen, a
// rejected form and a closed dialog; the skip link; names of icon-only buttons in the current
// language; polite progress announcements; and the motion and placeholder contrast the theme leaves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import en from '../../web/src/i18n/locales/en.json' with { type: 'json' };
import nl from '../../web/src/i18n/locales/nl.json' with { type: 'json' };
import type { BrowserSession } from './helpers/browser.ts';
import { openBrowser } from './helpers/browser.ts';
import type { HubServer } from './helpers/hub-server.ts';
import { startHubServer } from './helpers/hub-server.ts';
import { csvWithOneBadRow } from './helpers/ui.ts';

type Language = 'en' | 'nl';
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

beforeAll(async () => {
  server = await startHubServer();
  browser = await openBrowser('en-US');
  page = browser.page;
  await page.emulateMedia({ reducedMotion: 'reduce' });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The element that has focus now. */
const focused = (): Locator => page.locator(':focus');

/** Whether focus is on `element` or inside it. */
async function hasFocusWithin(element: Locator): Promise<boolean> {
  return element.evaluate((node) => node.contains(node.ownerDocument.activeElement));
}

/** Presses Enter on `control` the way a keyboard user would reach it: focus, then the key. */
async function activate(control: Locator): Promise<void> {
  await control.focus();
  await page.keyboard.press('Enter');
}

/** After a move to another screen, focus is on that screen's heading, which says where one is. */
async function expectHeadingFocused(title: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await expect.poll(async () => (await focused().textContent())?.trim()).toBe(title);
  await expect.poll(async () => page.locator('h1:focus').count()).toBe(1);
}

/** The focused field is marked invalid, and its description (read with it) is `message`. */
async function expectInvalidFieldFocused(message: string): Promise<void> {
  await expect.poll(async () => focused().getAttribute('aria-invalid')).toBe('true');
  // Read again until it holds: the error under the field is drawn by React, focus moved a task
  // later (lib/invalid-field-focus.ts); neither is done when the key's event has been handled.
  const description = async (): Promise<string> => {
    const describedBy = (await focused().getAttribute('aria-describedby')) ?? '';
    const descriptions = await Promise.all(
      describedBy
        .split(/\s+/)
        .filter(Boolean)
        .map(async (id) => (await page.locator(`[id="${id}"]`).textContent()) ?? ''),
    );
    return descriptions.join(' ');
  };
  await expect.poll(description).toContain(message);
}

/** Signed out, at the sign-in page, with `language` chosen as a person's earlier choice would. */
async function useLanguage(language: Language): Promise<void> {
  await browser.context.clearCookies();
  await page.goto(`${server.baseUrl}/login`);
  await page.evaluate(
    (chosen) =>
      (
        globalThis as unknown as { localStorage: { setItem: (k: string, v: string) => void } }
      ).localStorage.setItem('hub.languageChoice', chosen),
    language,
  );
  await page.reload();
}

describe.each<Language>(['en', 'nl'])('keyboard only, in %s', (language) => {
  beforeAll(async () => useLanguage(language));

  it('sign-in: an empty submit focuses the email field with its error; signed in, the heading has focus', async () => {
    await page.getByRole('heading', { level: 1, name: text(language, 'auth.signInTitle') }).waitFor();
    await expect.poll(async () => page.locator('html').getAttribute('lang')).toBe(language);
    await activate(page.getByRole('button', { name: text(language, 'auth.signIn'), exact: true }));
    await expectInvalidFieldFocused(text(language, 'validation.email'));

    await page.keyboard.type(server.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(server.password);
    await page.keyboard.press('Enter');
    await page.getByTestId('customers-table').waitFor();
    await expectHeadingFocused(text(language, 'customers.title'));
    // The screen sets the document title in an effect of its own, not with the heading's focus.
    await expect.poll(async () => page.title()).toContain(text(language, 'customers.title'));
  });

  it('the skip link is the first Tab stop and jumps to the main content', async () => {
    await page.reload();
    await page.getByTestId('customers-table').waitFor();
    await page.keyboard.press('Tab');
    await expect
      .poll(async () => (await focused().textContent())?.trim())
      .toBe(text(language, 'nav.skipToContent'));
    await page.keyboard.press('Enter');
    await expect.poll(async () => focused().getAttribute('id')).toBe('main-content');
  });

  it('help text "Add users by hand", steps 2–7: each screen takes focus at its heading; Next with empty fields focuses the first', async () => {
    // 3. Select a customer, then Open Control Hub.
    await activate(page.getByTestId('customers-table').getByRole('link', { name: 'Bakkerij De Vries' }));
    await expectHeadingFocused('Bakkerij De Vries');
    await activate(page.getByTestId('open-control-hub'));
    await expectHeadingFocused(text(language, 'overview.title'));
    // 4. Users: the navigation marks it as the current page.
    const navigation = page.getByRole('navigation', { name: text(language, 'nav.main') });
    const users = navigation.getByRole('link', { name: text(language, 'users.title'), exact: true });
    await activate(users);
    await expectHeadingFocused(text(language, 'users.title'));
    await expect.poll(async () => users.getAttribute('aria-current')).toBe('page');
    // 5. Manage users, 6. Add users manually: the arrow keys move through the menu.
    await activate(page.getByTestId('manage-users'));
    await page.getByRole('menu').waitFor();
    // Opened by keyboard, the menu puts focus on its first entry (WAI-ARIA menu button), a tick
    // after it opens: each key below waits for focus to arrive, so none lands on the button.
    const wanted = text(language, 'users.addManually');
    const focusedText = async (): Promise<string | undefined> => (await focused().textContent())?.trim();
    await expect.poll(focusedText).toBe(wanted);
    await page.keyboard.press('ArrowDown');
    await expect.poll(focusedText).toBe(text(language, 'users.csvAddOrModify'));
    await page.keyboard.press('ArrowUp');
    await expect.poll(focusedText).toBe(wanted);
    await page.keyboard.press('Enter');
    await expectHeadingFocused(wanted);
    // 7. Next with nothing entered: focus lands on the first field that says what is missing.
    await activate(page.getByRole('button', { name: text(language, 'common.next'), exact: true }));
    await expectInvalidFieldFocused(text(language, 'validation.required'));
    await expect.poll(async () => focused().getAttribute('name')).toBe('users.0.firstName');
  });

  it('help text "Change a user\'s package": the arrow has a name in this language; Escape returns focus to it', async () => {
    const navigation = page.getByRole('navigation', { name: text(language, 'nav.main') });
    await activate(navigation.getByRole('link', { name: text(language, 'users.title'), exact: true }));
    await expectHeadingFocused(text(language, 'users.title'));
    await activate(page.getByTestId('users-table').getByRole('link').first());
    await page.getByTestId('user-package').waitFor();
    // The loading heading had focus; the user's own heading takes it over once drawn.
    await expect.poll(async () => page.locator('h1:focus').count()).toBe(1);
    const arrow = page.getByRole('button', { name: text(language, 'userDetail.changePackage'), exact: true });
    await activate(arrow);
    await page.getByRole('dialog').waitFor();
    // The dialog takes focus a tick after it opens (Mantine's focus trap): Escape sent before that
    // would race the trap, which could pull focus into a dialog already closing.
    await expect.poll(async () => hasFocusWithin(page.getByRole('dialog'))).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(async () => focused().getAttribute('data-testid')).toBe('package-arrow');
  });
});

describe('what the theme leaves to the app', () => {
  beforeAll(async () => {
    await useLanguage('nl');
    await page.getByRole('textbox', { name: text('nl', 'auth.email') }).fill(server.email);
    await page.getByLabel(new RegExp(`^${text('nl', 'auth.password')}`)).fill(server.password);
    await page.getByRole('button', { name: text('nl', 'auth.signIn'), exact: true }).click();
    await page.getByTestId('customers-table').waitFor();
  });

  it("placeholders keep 4.5:1 contrast on the field's background", async () => {
    await page.goto(`${server.baseUrl}/partner/customers`);
    const search = page.getByRole('textbox', { name: text('nl', 'customers.search') });
    await search.waitFor();
    const ratio = await search.evaluate((element) => {
      const browser = globalThis as unknown as ContrastGlobals;
      const channels = (color: string) => (color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const luminance = (color: string) => {
        const [r = 0, g = 0, b = 0] = channels(color).map((value) => {
          const c = value / 255;
          return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const placeholder = browser.getComputedStyle(element, '::placeholder').color;
      const background = browser.getComputedStyle(element).backgroundColor;
      const [light, dark] = [luminance(placeholder), luminance(background)].sort((a, b) => b - a);
      return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
    });
    expect(ratio).toBeGreaterThanOrEqual(4.5);
  });

  it('with reduced motion the progress bar stops its stripes, and its progress is said as a status', async () => {
    await page.goto(`${server.baseUrl}/partner/customers`);
    await page.getByTestId('customers-table').getByRole('link', { name: 'Bakkerij De Vries' }).click();
    await page.getByTestId('open-control-hub').click();
    await page.getByTestId('hub-name').filter({ hasText: 'Control Hub' }).waitFor();
    await page.goto(`${page.url().replace(/\/$/, '')}/users/csv`);
    await page.getByTestId('file-input').setInputFiles({
      name: 'users.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csvWithOneBadRow('keyboard.example')),
    });
    await page.getByTestId('local-preview').waitFor();
    await page.getByTestId('upload').click();
    await page.getByTestId('import-counts').waitFor({ timeout: 60_000 });
    await page.getByTestId('apply-import').click();
    await page.locator('[data-percent="100"]').waitFor({ timeout: 60_000 });
    // The bar is full with the last batch, the import done only when its job says so (a poll of the
    // job later): its words change with the results, which can be seconds on a busy machine.
    await page
      .getByRole('heading', { name: text('nl', 'imports.resultsTitle') })
      .waitFor({ timeout: 60_000 });
    // One polite status with the bar's words, kept on screen with the results.
    const announcement = page.getByTestId('progress-announcement');
    await expect
      .poll(async () => announcement.textContent())
      .toMatch(new RegExp(`^${text('nl', 'imports.applied')} `));
    expect(await announcement.getAttribute('role')).toBe('status');
    // The bar on screen is finished; a copy of its section marked as moving shows the rule that applies.
    const animation = await page
      .getByTestId('import-progress')
      .locator('.mantine-Progress-section')
      .first()
      .evaluate((section) => {
        const element = section as unknown as CloneableElement;
        const moving = element.cloneNode(true);
        moving.setAttribute('data-animated', 'true');
        element.parentNode.appendChild(moving);
        const name = (globalThis as unknown as ContrastGlobals).getComputedStyle(moving).animationName;
        moving.remove();
        return name;
      });
    expect(animation).toBe('none');
  });
});

/** What the page-side checks use of the browser (the tests compile without the DOM types). */
interface ContrastGlobals {
  getComputedStyle: (
    element: unknown,
    pseudo?: string,
  ) => { color: string; backgroundColor: string; animationName: string };
}
interface CloneableElement {
  cloneNode: (deep: boolean) => CloneableElement;
  setAttribute: (name: string, value: string) => void;
  remove: () => void;
  parentNode: { appendChild: (child: CloneableElement) => void };
}
