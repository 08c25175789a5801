// @vitest-environment jsdom
// The open "Manage users" menu must stay inside the page's main landmark (axe "region"): a portal
// would put it at the end of <body>, outside every landmark and far from its button in tab order.
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CanWriteProvider } from '../../../lib/permissions.tsx';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { ManageUsersMenu } from './manage-users-menu.tsx';

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () =>
        new Response(JSON.stringify({ id: 'c1', directorySyncEnabled: false }), {
          headers: { 'Content-Type': 'application/json' },
        }),
    ),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function openMenu(): Promise<{ button: HTMLElement; menu: HTMLElement }> {
  await renderPage(
    <main>
      <ManageUsersMenu customerId="c1" />
    </main>,
    { path: '/control/c1/users' },
  );
  const button = screen.getByTestId('manage-users');
  fireEvent.click(button);
  // Mantine's dropdown stays display:none in jsdom (no transition end): it is queried hidden.
  const menu = await screen.findByRole('menu', { hidden: true });
  return { button, menu };
}

describe('Manage users menu', () => {
  it('opens inside the main landmark, not in a portal at the end of the page', async () => {
    const { menu } = await openMenu();
    expect(menu.closest('main')).not.toBeNull();
  });

  it('follows its button in document (and so tab) order, and is named by it', async () => {
    const { button, menu } = await openMenu();
    expect(button.compareDocumentPosition(menu) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(menu.getAttribute('aria-labelledby')).toBe(button.id);
    expect(button.getAttribute('aria-expanded')).toBe('true');
  });

  it('closes on Escape from inside the menu', async () => {
    const { button, menu } = await openMenu();
    fireEvent.keyDown(menu, { key: 'Escape' });
    await waitFor(() => expect(button.getAttribute('aria-expanded')).toBe('false'));
  });
});

describe('Manage users menu for a read-only admin', () => {
  it('is not offered at all, rather than shown disabled without a reason', async () => {
    await renderPage(
      <CanWriteProvider canWrite={false}>
        <main>
          <ManageUsersMenu customerId="c1" />
        </main>
      </CanWriteProvider>,
      { path: '/control/c1/users' },
    );
    await waitFor(() => expect(screen.queryByTestId('manage-users')).toBeNull());
  });
});
