// @vitest-environment jsdom
// ADR 0067: claiming creates users, so while directory sync is on the claim page says why claiming
// is off and links to Directory synchronization (its claim button is disabled too).
import { cleanup, configure, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { stubCustomerWithDirectorySync } from '../../../testing/stub-directory-sync.ts';
import { ClaimUsersPage } from './claim-users-page.tsx';

configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const renderClaim = () =>
  renderPage(<ClaimUsersPage />, {
    path: '/control/c1/users/claim',
    pattern: '/control/:customerId/users/claim',
  });

describe('claim users and directory sync', () => {
  it('says why claiming is off while sync is on, with a link to Directory synchronization', async () => {
    stubCustomerWithDirectorySync(true);
    await renderClaim();
    const notice = await screen.findByTestId('directory-sync-notice');
    expect(notice.textContent).toContain('you cannot add or claim users here');
    expect(screen.getByRole('link', { name: 'Go to Directory synchronization' }).getAttribute('href')).toBe(
      '/control/c1/users/directory-sync',
    );
  });

  it('shows no notice while sync is off', async () => {
    stubCustomerWithDirectorySync(false);
    await renderClaim();
    expect(await screen.findByRole('button', { name: /Claim selected/ })).toBeTruthy();
    expect(screen.queryByTestId('directory-sync-notice')).toBeNull();
  });
});
