// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { CsvImportPage } from './csv-import-page.tsx';
import { packagesNeedingLocation } from './packages-needing-location.ts';

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

describe('packagesNeedingLocation (SPEC §3: number + location required)', () => {
  it.each([
    ['en', 'Webex Calling, Webex Calling Standard, Webex Suite, and Customer Assist'],
    ['nl', 'Webex Calling, Webex Calling Standard, Webex Suite en Klantassistentie'],
  ])('%s: %s', async (language, expected) => {
    await i18n.changeLanguage(language);
    expect(packagesNeedingLocation(i18n.t.bind(i18n), language)).toBe(expected);
  });
});

describe('CSV page hint', () => {
  it('names Customer Assist among the packages that need a location', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('{"items":[]}', { headers: { 'Content-Type': 'application/json' } })),
    );
    await renderPage(<CsvImportPage />, {
      path: '/control/c1/users/csv',
      pattern: '/control/:customerId/users/csv',
    });
    expect(
      await screen.findByText(
        /^Webex Calling, Webex Calling Standard, Webex Suite, and Customer Assist need a location/,
      ),
    ).toBeTruthy();
  });
});
