// @vitest-environment jsdom
// ADR 0067: while directory sync is on, the CSV page says that the import changes existing users
// only (rows for new emails are row errors) and links to Directory synchronization.
import { cleanup, configure, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { stubCustomerWithDirectorySync } from '../../../testing/stub-directory-sync.ts';
import { CsvImportPage } from './csv-import-page.tsx';

configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const renderCsv = () =>
  renderPage(<CsvImportPage />, {
    path: '/control/c1/users/csv',
    pattern: '/control/:customerId/users/csv',
  });

describe('CSV add or modify and directory sync', () => {
  it('says new users are not created while sync is on, in English and Dutch', async () => {
    stubCustomerWithDirectorySync(true);
    await renderCsv();
    const notice = await screen.findByTestId('csv-sync-no-new-users');
    expect(notice.textContent).toContain('this import changes existing users only');
    expect(screen.getByRole('link', { name: 'Go to Directory synchronization' }).getAttribute('href')).toBe(
      '/control/c1/users/directory-sync',
    );
    await i18n.changeLanguage('nl');
    expect((await screen.findByTestId('csv-sync-no-new-users')).textContent).toContain(
      'deze import wijzigt alleen bestaande gebruikers',
    );
    await i18n.changeLanguage('en');
  });

  it('says nothing about it while sync is off', async () => {
    stubCustomerWithDirectorySync(false);
    await renderCsv();
    expect(await screen.findByRole('heading', { name: 'CSV add or modify' })).toBeTruthy();
    expect(screen.queryByTestId('csv-sync-no-new-users')).toBeNull();
  });
});
