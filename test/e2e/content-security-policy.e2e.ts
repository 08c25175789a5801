// The web app and the API docs run under the Content-Security-Policy the server sends (ADR 0078),
// in a real Chromium against the real server: signing in, the Partner Hub, a Control Hub users
// list and its add-users form, and Swagger UI report no CSP violation. A control case proves the
// listener hears one: an inline script injected into the page is refused and reported.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BrowserSession } from './helpers/browser.ts';
import { openBrowser } from './helpers/browser.ts';
import type { HubServer } from './helpers/hub-server.ts';
import { startHubServer } from './helpers/hub-server.ts';
import { fill } from './helpers/ui.ts';

interface Violation {
  readonly directive: string;
  readonly blocked: string;
  readonly source: string;
}

let server: HubServer;
let browser: BrowserSession;
let page: Page;
/** CSP messages Chromium writes to the console (also those of documents the listener missed). */
const consoleReports: string[] = [];

beforeAll(async () => {
  server = await startHubServer();
  browser = await openBrowser('en-US');
  page = browser.page;
  // Scripts run in the page as text: this project's TypeScript has no DOM types outside web/.
  await browser.context.addInitScript({
    content: `window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => window.__cspViolations.push({
        directive: event.violatedDirective,
        blocked: event.blockedURI,
        source: event.sourceFile + ':' + event.lineNumber,
      }));`,
  });
  page.on('console', (message) => {
    if (/content security policy/i.test(message.text())) consoleReports.push(message.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function violations(): Promise<Violation[]> {
  return (await page.evaluate('window.__cspViolations ?? []')) as Violation[];
}

async function expectNoViolation(where: string): Promise<void> {
  expect(await violations(), `CSP violations on ${where}`).toEqual([]);
  expect(consoleReports, `CSP console messages on ${where}`).toEqual([]);
}

describe('the web app under its Content-Security-Policy', () => {
  it('is sent a policy that forbids framing and inline scripts', async () => {
    const response = await page.goto(`${server.baseUrl}/`);
    const policy = (await response?.headerValue('content-security-policy')) ?? '';
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("script-src 'self'");
  });

  it('signs in and shows the Partner Hub without a violation', async () => {
    await fill(page, 'Email address', server.email);
    await page.getByLabel(/^Password/).fill(server.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    // Mantine's runtime <style> took effect: the page is styled, not bare HTML.
    const styled = await page.evaluate(
      "getComputedStyle(document.documentElement).getPropertyValue('--mantine-color-blue-6') !== ''",
    );
    expect(styled, 'Mantine CSS variables apply').toBe(true);
    await expectNoViolation('sign-in and the customers list');
  });

  it('shows a Control Hub users list and the add-users form without a violation', async () => {
    const customerId = (await page.evaluate(
      "fetch('/v1/customers?max=1').then((response) => response.json()).then((body) => body.items[0]?.id ?? '')",
    )) as string;
    expect(customerId, 'the demo has a customer').not.toBe('');
    await page.goto(`${server.baseUrl}/control/${customerId}/users`);
    await page.getByRole('main').getByRole('heading', { level: 1 }).first().waitFor();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').first().waitFor();
    await page.goto(`${server.baseUrl}/control/${customerId}/users/add`);
    await page.getByRole('main').getByRole('heading', { level: 1 }).first().waitFor();
    await expectNoViolation('the Control Hub');
  });

  it('serves Swagger UI at /docs that renders the API without a violation', async () => {
    await page.goto(`${server.baseUrl}/docs/`);
    await page.locator('.opblock').first().waitFor();
    await page.locator('.opblock-summary').first().click();
    await page.locator('.opblock-body').first().waitFor();
    await expectNoViolation('/docs');
  });

  it('refuses and reports an inline script (the listener above can fail)', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    await page.evaluate('window.__cspViolations = []');
    await page.evaluate(`{
      const script = document.createElement('script');
      script.textContent = 'window.__inlineScriptRan = true';
      document.head.append(script);
    }`);
    await expect.poll(async () => (await violations()).length).toBeGreaterThan(0);
    expect(await page.evaluate('window.__inlineScriptRan ?? false')).toBe(false);
    expect((await violations()).map((violation) => violation.directive)).toContainEqual(
      expect.stringMatching(/^script-src/),
    );
  });
});
