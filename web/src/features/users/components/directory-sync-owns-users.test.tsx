// @vitest-environment jsdom
// ADR 0067: while directory sync is on, Manage users → "Add users manually" and "Claim users" are
// disabled with the reason and the way to Directory synchronization; the add page says why.
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { stubCustomerWithDirectorySync } from '../../../testing/stub-directory-sync.ts';
import { AddUsersPage } from './add-users-page.tsx';
import { ManageUsersMenu } from './manage-users-menu.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** Mantine's dropdown stays display:none in jsdom (no transition end): items are queried hidden. */
async function openMenu(): Promise<void> {
  await renderPage(<ManageUsersMenu customerId="c1" />, { path: '/control/c1/users' });
  fireEvent.click(screen.getByTestId('manage-users'));
}

describe('Manage users menu and directory sync', () => {
  it('disables adding and claiming while sync is on, says why and leads to Directory synchronization', async () => {
    stubCustomerWithDirectorySync(true);
    await openMenu();
    const reason = await screen.findByTestId('sync-owns-users');
    expect(reason.textContent).toContain('your directory creates the users');
    const add = await screen.findByRole('menuitem', { name: 'Add users manually', hidden: true });
    const claim = screen.getByRole('menuitem', { name: 'Claim users', hidden: true });
    for (const item of [add, claim]) {
      expect(item.getAttribute('aria-disabled')).toBe('true');
      // Focusable, not `disabled`: Mantine's focus trap gives the first item the initial focus, and a
      // disabled first item left the keyboard-opened menu with focus on its button (no arrows, no Esc).
      expect(item.hasAttribute('disabled')).toBe(false);
      expect(item.getAttribute('href')).toBeNull();
      expect(item.getAttribute('aria-describedby')).toBe(reason.id);
    }
    const sync = screen.getByRole('menuitem', { name: 'Directory synchronization', hidden: true });
    expect(sync.getAttribute('href')).toBe('/control/c1/users/directory-sync');
    expect(
      screen.getByRole('menuitem', { name: 'CSV add or modify', hidden: true }).getAttribute('href'),
    ).toBe('/control/c1/users/csv');
  });

  it('keeps the menu open and goes nowhere when an unavailable entry is chosen', async () => {
    stubCustomerWithDirectorySync(true);
    await openMenu();
    // The item is a link until the customer's sync state has loaded: choose it once it is disabled.
    const add = await waitFor(() => {
      const item = screen.getByRole('menuitem', { name: 'Add users manually', hidden: true });
      expect(item.getAttribute('aria-disabled')).toBe('true');
      return item;
    });
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    add.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(screen.getByTestId('manage-users').getAttribute('aria-expanded')).toBe('true');
  });

  it('links to adding and claiming while sync is off', async () => {
    stubCustomerWithDirectorySync(false);
    await openMenu();
    const add = await screen.findByRole('menuitem', { name: 'Add users manually', hidden: true });
    await waitFor(() => expect(add.getAttribute('href')).toBe('/control/c1/users/add'));
    expect(screen.getByRole('menuitem', { name: 'Claim users', hidden: true }).getAttribute('href')).toBe(
      '/control/c1/users/claim',
    );
    expect(screen.queryByTestId('sync-owns-users')).toBeNull();
  });
});

describe('Add users manually and directory sync', () => {
  const renderAdd = () =>
    renderPage(<AddUsersPage />, {
      path: '/control/c1/users/add',
      pattern: '/control/:customerId/users/add',
    });

  it('shows the reason with a link instead of the form while sync is on', async () => {
    stubCustomerWithDirectorySync(true);
    await renderAdd();
    const notice = await screen.findByTestId('directory-sync-notice');
    expect(notice.textContent).toContain('Directory synchronization is on');
    const link = screen.getByRole('link', { name: 'Go to Directory synchronization' });
    expect(link.getAttribute('href')).toBe('/control/c1/users/directory-sync');
    expect(screen.queryByRole('textbox', { name: /email address/i })).toBeNull();
    // No steps of a form that is not there.
    expect(screen.queryByText('Enter users')).toBeNull();
  });

  it('shows the form while sync is off', async () => {
    stubCustomerWithDirectorySync(false);
    await renderAdd();
    expect(await screen.findByRole('textbox', { name: /email address/i })).toBeTruthy();
    expect(screen.getByText('Enter users')).toBeTruthy();
    expect(screen.queryByTestId('directory-sync-notice')).toBeNull();
  });
});
