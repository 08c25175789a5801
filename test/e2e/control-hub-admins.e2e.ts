// A customer's own admins in a real Chromium against the real server (`hub serve --demo`): a
// partner admin opens Control Hub for the demo customer and invites a customer full admin from
// its Admins page; the invitee accepts from the mail, signs in, lands in their own Control Hub,
// sees Admins and API tokens, creates a token (shown once, working) and revokes it (it stops
// working), and cannot reach the Partner Hub. The partner admin then sees that customer's token,
// and only the customer's, on the customer's API tokens page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BrowserSession } from './helpers/browser.ts';
import { openBrowser, screenshot } from './helpers/browser.ts';
import type { HubServer } from './helpers/hub-server.ts';
import { startHubServer } from './helpers/hub-server.ts';
import type { MailSink } from './helpers/mail-sink.ts';
import { startMailSink } from './helpers/mail-sink.ts';
import { fill, selectOption } from './helpers/ui.ts';

// Unique per run, so the test also works against a reused local server (HUB_E2E_URL).
const run = Date.now().toString(36);
const demoCustomer = 'Bakkerij De Vries';
const inviteeEmail = `it.${run}@bakkerij-de-vries.example`;
const inviteePassword = `Bakker-${run}-password`;
const tokenName = `Kassa koppeling ${run}`;
let server: HubServer;
let mail: MailSink;
let partner: BrowserSession;
let customer: BrowserSession;
let controlHubUrl = '';
let secret = '';

beforeAll(async () => {
  mail = await startMailSink();
  server = await startHubServer({ smtpUrl: mail.url });
  [partner, customer] = await Promise.all([openBrowser('en-US'), openBrowser('en-US')]);
});

afterAll(async () => {
  await partner?.close();
  await customer?.close();
  await server?.stop();
  await mail?.close();
});

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name, exact: true });

async function signIn(page: Page, email: string, password: string) {
  await fill(page, 'Email address', email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** What the API answers a call made with `token` (the way the customer's own systems use it). */
async function callWithToken(token: string): Promise<number> {
  const customerId = new URL(controlHubUrl).pathname.split('/')[2] ?? '';
  const response = await fetch(`${server.baseUrl}/v1/customers/${customerId}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return response.status;
}

describe("a customer's own admin, invited from Control Hub", () => {
  it('a partner admin opens Control Hub for a customer and invites a customer full admin', async () => {
    const page = partner.page;
    await page.goto(`${server.baseUrl}/`);
    await signIn(page, server.email, server.password);
    await page.getByTestId('customers-table').getByRole('link', { name: demoCustomer }).click();
    await page.getByRole('heading', { name: demoCustomer }).waitFor();
    await page.getByRole('link', { name: 'Open Control Hub' }).click();
    await page.getByTestId('hub-name').filter({ hasText: 'Control Hub' }).waitFor();
    controlHubUrl = page.url().replace(/\/$/, '');
    expect(controlHubUrl).toMatch(/\/control\/[^/]+$/);
    await nav(page, 'Admins').click();
    await page.getByText(`The admins of ${demoCustomer}`).waitFor();
    await page.getByRole('button', { name: 'Invite admin' }).click();
    await page
      .getByRole('dialog')
      .getByRole('textbox', { name: /Email address/ })
      .fill(inviteeEmail);
    await selectOption(page, /Role/, 'Customer full admin');
    await page.getByRole('dialog').getByRole('button', { name: 'Send invite' }).click();
    const row = page.getByRole('row').filter({ hasText: inviteeEmail });
    await row.getByText('Customer full admin').waitFor();
    await screenshot(page, '40-control-hub-admins-invited');
  });

  it('the invitee sets a password from the mail, signs in and lands in their own Control Hub', async () => {
    const invite = await mail.waitFor((sent) => sent.to.includes(inviteeEmail));
    const link = /https?:\/\/\S+\/invite\/\S+/.exec(invite.text)?.[0] ?? '';
    expect(link).toMatch(/\/invite\//);
    const page = customer.page;
    await page.goto(link);
    await page.getByRole('heading', { name: 'Accept your invitation' }).waitFor();
    await page.getByLabel(/^New password/).fill(inviteePassword);
    await page.getByLabel(/^Confirm password/).fill(inviteePassword);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByText('Your account is active. You can sign in now.').waitFor();
    await page.getByRole('link', { name: 'Go to sign-in' }).click();
    await signIn(page, inviteeEmail, inviteePassword);
    await page.getByTestId('hub-name').filter({ hasText: 'Control Hub' }).waitFor();
    await page.getByTestId('control-hub-customer').filter({ hasText: demoCustomer }).first().waitFor();
    expect(page.url().replace(/\/$/, '')).toBe(controlHubUrl);
    await nav(page, 'Admins').click();
    await page.getByRole('row').filter({ hasText: inviteeEmail }).getByText('(you)').waitFor();
    await screenshot(page, '41-customer-admin-admins');
  });

  it('creates an API token, sees it once, and revokes it', async () => {
    const page = customer.page;
    await nav(page, 'API tokens').click();
    await page.getByRole('heading', { name: 'API tokens', exact: true }).waitFor();
    await page.getByText(`The API tokens of ${demoCustomer}`).waitFor();
    const table = page.getByRole('table', { name: 'API tokens' });
    await page.getByRole('button', { name: 'Create token' }).click();
    const form = page.getByRole('dialog', { name: 'Create token' });
    await form.getByRole('textbox', { name: /Name/ }).fill(tokenName);
    await selectOption(page, /Role/, 'Customer read-only admin');
    await selectOption(page, /Expiry/, 'In 30 days');
    await form.getByRole('button', { name: 'Create token' }).click();
    // Once the secret is shown the dialog says the token exists, not that it is still to be made.
    const dialog = page.getByRole('dialog', { name: 'Token created' });
    secret = (await dialog.getByTestId('new-token-secret').textContent()) ?? '';
    expect(secret).toMatch(/^whk_/);
    await dialog.getByText("You won't see this token again").waitFor();
    await dialog.getByRole('button', { name: 'Copy' }).waitFor();
    await screenshot(page, '42-customer-token-shown-once');
    expect(await callWithToken(secret)).toBe(200);
    // Not copied: Done first warns that the token cannot be shown again; closing is the second step.
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.getByText('You have not copied the token').waitFor();
    await dialog.getByRole('button', { name: 'Close without copying' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = table.getByRole('row').filter({ hasText: tokenName });
    await row.getByText('Customer read-only admin').waitFor();
    // Shown once: the list has the prefix, never the secret.
    await row.getByText(`${secret.slice(0, 10)}…`).waitFor();
    expect(await page.getByText(secret, { exact: true }).count()).toBe(0);
    // The demo's partner token is the partner's business, not this customer's.
    expect(await table.getByRole('row').filter({ hasText: 'Partner full admin' }).count()).toBe(0);

    await page.getByRole('button', { name: `Revoke ${tokenName}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke', exact: true }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: `Revoke ${tokenName}` }).waitFor({ state: 'detached' });
    expect(await callWithToken(secret)).toBe(401);
    await screenshot(page, '43-customer-token-revoked');
  });

  it('cannot reach the Partner Hub customers list or tokens page', async () => {
    const page = customer.page;
    expect(await page.getByTestId('hub-name').filter({ hasText: 'Partner Hub' }).count()).toBe(0);
    await page.goto(`${server.baseUrl}/partner/customers`);
    await page.waitForURL((url) => url.pathname.startsWith('/control/'));
    expect(page.url().replace(/\/$/, '')).toBe(controlHubUrl);
    expect(await page.getByTestId('customers-table').count()).toBe(0);
    await page.goto(`${server.baseUrl}/partner/tokens`);
    await page.waitForURL(`${controlHubUrl}/tokens`);
    await page.getByText(`The API tokens of ${demoCustomer}`).waitFor();
  });

  it('reads the tokens page in Dutch, addressed formally', async () => {
    const page = customer.page;
    await page.getByTestId('language-switch').filter({ visible: true }).getByText('NL').click();
    await page.getByRole('heading', { name: 'API-tokens', exact: true }).waitFor();
    const description = page.getByText(`De API-tokens van ${demoCustomer}`);
    expect(await description.textContent()).toMatch(/rechten dan u\.$/);
    await page.getByRole('button', { name: 'Token maken' }).waitFor();
    const dutchNav = page.getByRole('navigation', { name: 'Hoofdnavigatie' });
    await dutchNav.getByRole('link', { name: 'API-tokens', exact: true }).waitFor();
    await dutchNav.getByRole('link', { name: 'Beheerders', exact: true }).waitFor();
    await screenshot(page, '44-customer-tokens-dutch');
  });

  it("the partner admin sees that customer's token, revoked, and only the customer's", async () => {
    const page = partner.page;
    await nav(page, 'API tokens').click();
    await page.getByText(`The API tokens of ${demoCustomer}`).waitFor();
    const table = page.getByRole('table', { name: 'API tokens' });
    const row = table.getByRole('row').filter({ hasText: tokenName });
    await row.waitFor();
    expect(await row.getByRole('button', { name: /^Revoke/ }).count()).toBe(0);
    expect(await table.getByRole('row').filter({ hasText: 'Partner full admin' }).count()).toBe(0);
  });
});
