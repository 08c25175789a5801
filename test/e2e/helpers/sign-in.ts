// Signing in and opening the demo customer's Control Hub: the start most browser tests share.
import type { Page } from 'playwright-core';
import type { HubServer } from './hub-server.ts';

/** Signs in as the demo partner admin; ends on the customers list. */
export async function signIn(page: Page, server: HubServer): Promise<void> {
  await page.goto(`${server.baseUrl}/login`);
  await page.getByRole('textbox', { name: 'Email' }).fill(server.email);
  await page.getByLabel(/^Password/).fill(server.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
}

/** From the customers list, opens a customer's Control Hub (the demo's Bakkerij De Vries unless named). */
export async function openControlHub(page: Page, customer = 'Bakkerij De Vries'): Promise<void> {
  await page.getByTestId('customers-table').getByRole('link', { name: customer }).click();
  await page.getByTestId('open-control-hub').click();
  await page.getByTestId('hub-name').filter({ hasText: 'Control Hub' }).waitFor();
}
