// Small steps the journey repeats, written the way a person uses the form: by visible labels.
import type { Page } from 'playwright-core';

/** Picks an option of a Mantine Select found by its label. */
export async function selectOption(
  page: Page,
  label: string | RegExp,
  option: string | RegExp,
): Promise<void> {
  await page.getByLabel(label).first().click();
  await page.getByRole('option', { name: option }).first().click();
}

export async function fill(page: Page, label: string | RegExp, value: string): Promise<void> {
  await page.getByRole('textbox', { name: label }).fill(value);
}

/** A CSV with two good rows and one that fails (a calling package without location or number). */
export function csvWithOneBadRow(domain: string): string {
  const header = [
    'First Name',
    'Last Name',
    'User ID/Email (Required)',
    'Webex Meetings',
    'Webex Calling',
    'Jabber Calling',
    'Jabber with Webex Teams',
    'Preferred Webex Site',
  ];
  const rows = [
    ['Carla', 'Csv', `carla.csv@${domain}`, 'TRUE', '', 'FALSE', 'FALSE', 'acme.webex.com'],
    ['Daan', 'Csv', `daan.csv@${domain}`, 'TRUE', '', 'FALSE', 'FALSE', 'acme.webex.com'],
    ['Eva', 'Broken', `eva.broken@${domain}`, '', 'TRUE', 'FALSE', 'FALSE', 'acme.webex.com'],
  ];
  return [header, ...rows].map((row) => row.join(',')).join('\r\n') + '\r\n';
}
