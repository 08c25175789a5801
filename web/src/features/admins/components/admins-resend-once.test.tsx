// @vitest-environment jsdom
// "Resend invite" is sent once per row however fast it is clicked, and one row's resend on its way
// leaves the other rows' buttons usable.
import { cleanup, configure, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { invitedAdmin } from '../../../testing/admin-fixtures.ts';
import { AdminsPage } from './admins-page.tsx';

configure({ asyncUtilTimeout: 10_000 });

const admins = [invitedAdmin('a2', 'ann@example.com'), invitedAdmin('a3', 'bob@example.com')];

const resends: string[] = [];
let answer: () => void = () => undefined;

beforeEach(() => {
  resends.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const json = { 'Content-Type': 'application/json' };
      if (url.includes('/v1/auth/me'))
        return new Response(
          JSON.stringify({
            id: 'a1',
            email: 'owner@example.com',
            role: 'partner_full_admin',
            partnerId: 'p1',
          }),
          { headers: json },
        );
      if (init?.method === 'POST') {
        resends.push(url);
        // Held until the test answers: the resend stays on its way.
        await new Promise<void>((resolve) => (answer = resolve));
        return new Response(JSON.stringify(admins.find((admin) => url.includes(admin.id))), {
          headers: json,
        });
      }
      return new Response(JSON.stringify({ items: admins }), { headers: json });
    }),
  );
});

afterEach(() => {
  answer();
  cleanup();
  vi.unstubAllGlobals();
});

describe('resend invite per row', () => {
  it('sends one resend for a double click, and leaves the other row free to resend', async () => {
    await renderPage(<AdminsPage />);
    const ann = await screen.findByRole('button', { name: 'Resend invite to ann@example.com' });
    fireEvent.click(ann);
    fireEvent.click(ann);
    await vi.waitFor(() => expect(resends).toEqual(['/v1/admins/a2/invite']));
    const bob = screen.getByRole('button', { name: 'Resend invite to bob@example.com' });
    expect(bob.hasAttribute('disabled')).toBe(false);
    expect(bob.hasAttribute('data-loading')).toBe(false);
    fireEvent.click(bob);
    await vi.waitFor(() => expect(resends).toEqual(['/v1/admins/a2/invite', '/v1/admins/a3/invite']));
    // Both still on their way: each row shows its own.
    expect(
      screen.getByRole('button', { name: 'Resend invite to ann@example.com' }).hasAttribute('data-loading'),
    ).toBe(true);
  });
});
