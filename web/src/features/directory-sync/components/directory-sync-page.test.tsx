// @vitest-environment jsdom
// A read-only admin sees the directory synchronization settings, but no switch to flip or token
// buttons that the server would refuse (lib/permissions: no button that changes something).
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CanWriteProvider } from '../../../lib/permissions.tsx';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { DirectorySyncPage } from './directory-sync-page.tsx';

configure({ asyncUtilTimeout: 10_000 });

const writes: { method: string; url: string }[] = [];

beforeEach(() => {
  writes.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      if (method !== 'GET') {
        writes.push({ method, url });
        return new Response(null, { status: 204 });
      }
      const body = url.includes('/scim-tokens')
        ? {
            items: [{ id: 's1', name: 'Entra ID', prefix: 'scim_ab', createdAt: '2026-01-01T00:00:00.000Z' }],
          }
        : { enabled: true, scimBasePath: '/scim/v2/c1' };
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const renderAs = (canWrite: boolean) =>
  renderPage(
    <CanWriteProvider canWrite={canWrite}>
      <DirectorySyncPage />
    </CanWriteProvider>,
    { path: '/control/c1/users/directory-sync', pattern: '/control/:customerId/users/directory-sync' },
  );

describe('Directory synchronization page', () => {
  it('offers a read-only admin the settings and tokens without a switch to flip or token buttons', async () => {
    await renderAs(false);
    expect(await screen.findByText('Entra ID')).toBeTruthy();
    const toggle = screen.getByRole('switch');
    expect((toggle as HTMLInputElement).checked).toBe(true);
    expect((toggle as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'New token' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Rotate/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Revoke/ })).toBeNull();
  });

  it('offers a full admin the switch and the token buttons', async () => {
    await renderAs(true);
    expect(await screen.findByText('Entra ID')).toBeTruthy();
    expect((screen.getByRole('switch') as HTMLInputElement).disabled).toBe(false);
    expect(screen.getByRole('button', { name: 'New token' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /Revoke/ })).toBeTruthy();
  });

  it("names each token's buttons by the token, so the rows' Rotate and Revoke can be told apart", async () => {
    await renderAs(true);
    expect(await screen.findByRole('button', { name: 'Rotate Entra ID' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Revoke Entra ID' })).toBeTruthy();
  });

  it('revokes a SCIM token only after the admin confirms, naming it', async () => {
    await renderAs(true);
    fireEvent.click(await screen.findByRole('button', { name: /Revoke/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke SCIM token?' });
    expect(dialog.textContent).toContain('Entra ID');
    expect(writes).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(writes).toHaveLength(1));
    expect(writes[0]).toEqual({ method: 'DELETE', url: '/v1/customers/c1/scim-tokens/s1' });
  });

  // Rotating revokes the old token at once (the server's rotate), so the identity provider stops
  // syncing until it gets the new one: one stray click did that without a question, while Revoke asks.
  it('rotates a SCIM token only after the admin confirms, saying the old one stops working', async () => {
    await renderAs(true);
    fireEvent.click(await screen.findByRole('button', { name: /Rotate/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Rotate SCIM token?' });
    expect(dialog.textContent).toContain('Entra ID');
    expect(dialog.textContent).toContain('stops working at once');
    expect(writes).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rotate' }));
    await waitFor(() => expect(writes).toHaveLength(1));
    expect(writes[0]).toEqual({ method: 'POST', url: '/v1/customers/c1/scim-tokens/s1/rotate' });
  });
});
