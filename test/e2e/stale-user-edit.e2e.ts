// Optimistic concurrency (ADR 0092) in a real Chromium against the real server: while an admin has
// a user's edit dialog open, someone else renames the user (the API, same as a second admin). The
// admin's save is refused, the dialog says so and keeps their input; Reload shows the other
// person's change, and the admin's title saved afterwards leaves that change in place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BrowserSession } from './helpers/browser.ts';
import { openBrowser } from './helpers/browser.ts';
import type { HubServer } from './helpers/hub-server.ts';
import { startHubServer } from './helpers/hub-server.ts';
import { openControlHub, signIn } from './helpers/sign-in.ts';

const run = Date.now().toString(36);
let server: HubServer;
let browser: BrowserSession;
let page: Page;
let customerId = '';
let userId = '';

/** A write through the API with this browser's session (its cookie and CSRF token). */
async function apiWrite(method: 'POST' | 'PATCH', path: string, data: object) {
  const me = await page.request.get(`${server.baseUrl}/v1/auth/me`);
  const csrf = ((await me.json()) as { csrfToken?: string }).csrfToken ?? '';
  const response = await page.request.fetch(`${server.baseUrl}${path}`, {
    method,
    data,
    headers: { 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' },
  });
  expect(response.status(), await response.text()).toBeLessThan(300);
  return (await response.json()) as { id: string };
}

beforeAll(async () => {
  server = await startHubServer();
  browser = await openBrowser('en-US');
  page = browser.page;
  await signIn(page, server);
  await openControlHub(page);
  customerId = /\/control\/([^/]+)/.exec(page.url())?.[1] ?? '';
  const user = await apiWrite('POST', `/v1/customers/${customerId}/users`, {
    email: `stale.${run}@devries.example`,
    firstName: 'Sanne',
    lastName: 'Stale',
    package: 'webex_meetings',
  });
  userId = user.id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('editing a user someone else changed meanwhile', () => {
  it('refuses the save, says so, and Reload shows their change', async () => {
    await page.goto(`${server.baseUrl}/control/${customerId}/users/${userId}`);
    await page.getByRole('heading', { name: 'Sanne Stale' }).waitFor();
    await page.getByTestId('edit-user').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Title', exact: true }).fill('Head baker');

    await apiWrite('PATCH', `/v1/customers/${customerId}/users/${userId}`, { firstName: 'Saskia' });

    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText(/Someone else changed this user while you were editing/).waitFor();
    expect(await dialog.getByRole('textbox', { name: 'Title', exact: true }).inputValue()).toBe('Head baker');

    await dialog.getByRole('button', { name: 'Reload' }).click();
    const firstName = page.getByRole('dialog').getByRole('textbox', { name: 'First name', exact: true });
    await expect.poll(() => firstName.inputValue()).toBe('Saskia');

    await page.getByRole('dialog').getByRole('textbox', { name: 'Title', exact: true }).fill('Head baker');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByTestId('user-title').filter({ hasText: 'Head baker' }).waitFor();
    await page.getByRole('heading', { name: 'Saskia Stale' }).waitFor();
  });
});
