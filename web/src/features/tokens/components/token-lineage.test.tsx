// @vitest-environment jsdom
// A token created with another token says so, and revoking the creator warns that it takes them along (ADR 0085).
import { cleanup, configure, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { TokensPage } from './tokens-page.tsx';

configure({ asyncUtilTimeout: 10_000 });

const base = {
  role: 'partner_full_admin',
  customerId: null,
  expiresAt: null,
  revokedAt: null,
  lastUsedAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  createdByTokenId: null,
};

const tokens = [
  { ...base, id: 't1', name: 'Deploy bot', prefix: 'whk_ab12' },
  { ...base, id: 't2', name: 'Nightly export', prefix: 'whk_cd34', createdByTokenId: 't1' },
  { ...base, id: 't3', name: 'Report sync', prefix: 'whk_ef56', createdByTokenId: 't1' },
  // Already revoked, or expired: revoking t1 takes nothing more from them.
  {
    ...base,
    id: 't4',
    name: 'Old job',
    prefix: 'whk_gh78',
    createdByTokenId: 't1',
    revokedAt: '2026-02-01T00:00:00.000Z',
  },
  {
    ...base,
    id: 't5',
    name: 'Past job',
    prefix: 'whk_ij90',
    createdByTokenId: 't1',
    expiresAt: '2026-01-02T00:00:00.000Z',
  },
  // Its creator is not in the list (another admin's token, or not on this page): named by id.
  { ...base, id: 't6', name: 'Orphan', prefix: 'whk_kl12', createdByTokenId: 'tok_unlisted' },
  { ...base, id: 't7', name: 'Grandchild', prefix: 'whk_mn34', createdByTokenId: 't3' },
  // Made with a revoked token: the server's revocation reaches it through that token.
  { ...base, id: 't8', name: 'Heir', prefix: 'whk_op56', createdByTokenId: 't4' },
];

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      if (init?.method === 'DELETE') return new Response(null, { status: 204 });
      const body = url.includes('/v1/auth/me')
        ? { id: 'a1', email: 'owner@example.com', role: 'partner_full_admin', partnerId: 'p1' }
        : { items: tokens };
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const row = (table: HTMLElement, name: string) => within(table).getByText(name).closest('tr') as HTMLElement;

describe('API token lineage', () => {
  it('names the token each token was created with, by name and prefix when listed, else by id', async () => {
    await renderPage(<TokensPage />);
    const table = await screen.findByRole('table', { name: 'API tokens' });
    expect(within(row(table, 'Nightly export')).getByTestId('token-created-with').textContent).toBe(
      'Created with token Deploy bot (whk_ab12…)',
    );
    expect(within(row(table, 'Orphan')).getByTestId('token-created-with').textContent).toBe(
      'Created with token tok_unlisted',
    );
    // A token a person created says nothing of the kind.
    expect(within(row(table, 'Deploy bot')).queryByTestId('token-created-with')).toBeNull();
  });

  it('says in the revoke confirmation how many live listed tokens go with it, down the chain', async () => {
    await renderPage(<TokensPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Revoke Deploy bot' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke token?' });
    expect(within(dialog).getByTestId('token-revoke-cascade').textContent).toBe(
      'Revoking it also revokes the 4 tokens created with it, directly or through another token.',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    fireEvent.click(screen.getByRole('button', { name: 'Revoke Report sync' }));
    const second = await screen.findByRole('dialog', { name: 'Revoke token?' });
    expect(within(second).getByTestId('token-revoke-cascade').textContent).toBe(
      'Revoking it also revokes the token created with it, directly or through another token.',
    );
    fireEvent.click(within(second).getByRole('button', { name: 'Cancel' }));

    // Nothing was created with it: no such sentence.
    fireEvent.click(screen.getByRole('button', { name: 'Revoke Orphan' }));
    const third = await screen.findByRole('dialog', { name: 'Revoke token?' });
    expect(within(third).queryByTestId('token-revoke-cascade')).toBeNull();
  });
});
