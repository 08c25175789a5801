// Claim users by CSV (SPEC §5: free accounts in a verified domain are claimed "any number by CSV"):
// two people sign up for free accounts and confirm them from the mail; the partner admin adds their
// domain on the claim page, publishes the TXT record it shows, verifies it, and uploads a CSV of
// the accounts (Dutch header, `;`, Windows-1252, CRLF, as Excel saves it in the Netherlands), then
// reads per account that it was claimed, and that an address outside the domain was not. Then,
// reading Dutch, a file over the size limit (the server's 413, sent before the body is read) is
// refused whole, in Dutch.
//
// The record is published on a real DNS server on loopback (test/lifecycle/loopback-dns-server.ts),
// so the server's own resolver code looks it up unchanged. The server process is pointed at it by
// a preloaded module (NODE_OPTIONS --import) that sets the name servers of node:dns's Resolver
// before each TXT lookup: the hub has no setting for its name servers, and it must not get one
// for a test.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityProblems } from './helpers/axe.ts';
import type { BrowserSession } from './helpers/browser.ts';
import { openBrowser, screenshot } from './helpers/browser.ts';
import type { HubServer } from './helpers/hub-server.ts';
import { startHubServer } from './helpers/hub-server.ts';
import type { MailSink } from './helpers/mail-sink.ts';
import { startMailSink } from './helpers/mail-sink.ts';
import { openControlHub, signIn } from './helpers/sign-in.ts';
import type { LoopbackDnsServer } from '../lifecycle/loopback-dns-server.ts';
import { startLoopbackDnsServer } from '../lifecycle/loopback-dns-server.ts';

const run = Date.now().toString(36);
const domain = `claim-csv-${run}.example`;
const renee = `renee.vrij@${domain}`;
const sem = `sem.vrij@${domain}`;
const outsider = `iemand@elders-${run}.example`;
const maxFileBytes = 64 * 1024;

/** Runs in the server process before the hub: every TXT lookup asks the loopback DNS server. */
const dnsPreload = [
  "import { Resolver } from 'node:dns/promises';",
  'const resolveTxt = Resolver.prototype.resolveTxt;',
  'Resolver.prototype.resolveTxt = function (name) {',
  '  this.setServers([process.env.HUB_E2E_DNS_SERVER]);',
  '  return resolveTxt.call(this, name);',
  '};',
].join('\n');

let dns: LoopbackDnsServer;
let mail: MailSink;
let server: HubServer;
let browser: BrowserSession;
let page: Page;

/** Starts the hub with the preload and the DNS server's address, then puts the environment back. */
async function startHubWithLoopbackDns(): Promise<HubServer> {
  const saved = {
    NODE_OPTIONS: process.env.NODE_OPTIONS,
    HUB_E2E_DNS_SERVER: process.env.HUB_E2E_DNS_SERVER,
    IMPORT_MAX_BYTES: process.env.IMPORT_MAX_BYTES,
  };
  process.env.NODE_OPTIONS = [
    saved.NODE_OPTIONS ?? '',
    `--import=data:text/javascript,${encodeURIComponent(dnsPreload)}`,
  ]
    .join(' ')
    .trim();
  process.env.HUB_E2E_DNS_SERVER = dns.address;
  // A small file limit, so a file over it is quick to make and to send.
  process.env.IMPORT_MAX_BYTES = String(maxFileBytes);
  try {
    return await startHubServer({ smtpUrl: mail.url });
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** A free account as a person makes one: the sign-up, then the link in the mail. */
async function signUpFreeAccount(email: string, firstName: string): Promise<void> {
  const signUp = await fetch(`${server.baseUrl}/v1/signup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en' },
    body: JSON.stringify({ email, firstName, lastName: 'Vrij' }),
  });
  expect(signUp.status, await signUp.clone().text()).toBeLessThan(300);
  const sent = await mail.waitFor((candidate) => candidate.to.includes(email), 60_000);
  const token = /signup\/verify\?token=([^\s&]+)/.exec(sent.text)?.[1];
  expect(token, sent.text).toBeTruthy();
  const confirmed = await fetch(`${server.baseUrl}/v1/signup/verify`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  expect(confirmed.status, await confirmed.clone().text()).toBe(200);
}

/** The file as Excel saves "CSV (gescheiden door lijstscheidingsteken)" in the Netherlands. */
function windows1252Csv(): Buffer {
  const lines = [
    'Voornaam;Gebruikers-ID/e-mail (verplicht)',
    `Renée;${renee}`,
    `Sem;${sem}`,
    `Iemand;${outsider}`,
  ];
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1');
}

beforeAll(async () => {
  dns = await startLoopbackDnsServer();
  mail = await startMailSink();
  server = await startHubWithLoopbackDns();
  await signUpFreeAccount(renee, 'Renée');
  await signUpFreeAccount(sem, 'Sem');
  browser = await openBrowser('en-US');
  page = browser.page;
  await signIn(page, server);
  await openControlHub(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await mail?.close();
  await dns?.close();
});

describe('claim users by CSV', () => {
  it('verifies the domain and claims the free accounts a CSV file lists', async () => {
    await page.goto(`${page.url().replace(/\/$/, '')}/users/claim`);
    await page.getByRole('textbox', { name: 'Domain' }).fill(domain);
    await page.getByRole('button', { name: 'Add domain' }).click();
    await page.getByText(`_wholesale-hub-challenge.${domain}`).waitFor();
    // What the page tells the admin to publish, published.
    const value = await page
      .getByText(/^wholesale-hub-verification=/)
      .first()
      .textContent();
    expect(value).toMatch(/^wholesale-hub-verification=\S+$/);
    dns.setTxt(`_wholesale-hub-challenge.${domain}`, [value ?? '']);
    await page.getByRole('button', { name: `Verify ${domain}` }).click();
    await page.getByText('Verified', { exact: true }).waitFor();
    // The sign-ups are claimable now: the list shows them.
    await page.getByRole('checkbox', { name: renee }).waitFor();

    const section = page.getByTestId('claim-csv');
    // The template downloads (a data: link, under the app's Content-Security-Policy) with the column.
    const [template] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('link', { name: 'Download template' }).click(),
    ]);
    expect(template.suggestedFilename()).toBe('claim-users.csv');
    expect(await readFile(await template.path(), 'utf8')).toBe('User ID/Email (Required)\r\n');

    await section.getByTestId('file-input').setInputFiles({
      name: 'vrije-accounts.csv',
      mimeType: 'text/csv',
      buffer: windows1252Csv(),
    });
    await section.getByText('vrije-accounts.csv').waitFor();
    await section.getByRole('button', { name: 'Claim from file' }).click();

    const counts = section.getByTestId('claim-csv-counts');
    await counts.waitFor({ timeout: 60_000 });
    expect(await counts.textContent()).toMatch(/^2 accounts claimed, 1 not claimed\./);
    const results = section.getByTestId('claim-csv-results');
    const linesOf = (email: string) =>
      results
        .getByRole('row')
        .filter({ hasText: email })
        .locator('[data-testid^="claim-line-"]')
        .allTextContents();
    expect((await linesOf(renee))[0]).toBe('Claimed');
    expect((await linesOf(sem))[0]).toBe('Claimed');
    expect(await linesOf(outsider)).toEqual([
      `Not claimed, User ID/Email: ${outsider} is not a free account in a verified domain of this organization.`,
    ]);
    // Claimed accounts are users now, no longer free accounts to claim.
    await page.getByText('No free accounts to claim').waitFor();
    await screenshot(page, 'claim-users-csv-results');
    // The page with its results passes axe (the accessibility test sees it before any claim).
    expect(await accessibilityProblems(page, 'claim users, CSV results')).toEqual([]);
  });

  it('says in Dutch, once the admin reads Dutch, that a file over the limit was refused whole', async () => {
    await page
      .getByRole('radiogroup', { name: 'Language of the app' })
      .getByText('NL', { exact: true })
      .click();
    const section = page.getByTestId('claim-csv');
    await section.getByRole('heading', { name: 'Claimen uit een CSV-bestand' }).waitFor();
    const rows = Array.from({ length: 3_000 }, (_, index) => `iemand.${index}@${domain}`);
    const file = Buffer.from(['email', ...rows].join('\r\n'), 'utf8');
    expect(file.length).toBeGreaterThan(maxFileBytes);
    await section
      .getByTestId('file-input')
      .setInputFiles({ name: 'te-groot.csv', mimeType: 'text/csv', buffer: file });
    await section.getByText('te-groot.csv').waitFor();
    await section.getByRole('button', { name: 'Claimen uit bestand' }).click();
    const refusal = section
      .getByRole('alert')
      .filter({ hasText: 'Er zijn geen accounts uit het bestand geclaimd' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('Het bestand is groter dan');
  });
});
