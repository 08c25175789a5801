// @vitest-environment jsdom
// A 200-character email or display name without a break stays whole and readable, wrapped within the
// page (the header and its field), instead of running 3,200 px past a phone screen over the status
// badge and the Edit and Remove buttons. jsdom does no layout: this checks that the text may wrap
// anywhere and that the grid cell may be narrower than its content (a browser then wraps it).
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { UserDetailPage } from './user-detail-page.tsx';

const longEmail = `${'a'.repeat(190)}@acme.nl`;
const longName = 'B'.repeat(200);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('user detail: long unbroken text', () => {
  it('lets the name and the email wrap anywhere, in the header and in their fields', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        const body = url.includes('/locations')
          ? { items: [] }
          : {
              id: 'u1',
              email: longEmail,
              firstName: 'Anna',
              lastName: 'Smit',
              displayName: longName,
              package: 'webex_meetings',
              status: 'provisioned',
              errors: [],
            };
        return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
      }),
    );
    await renderPage(<UserDetailPage />, {
      path: '/control/c1/users/u1',
      pattern: '/control/:customerId/users/:userId',
    });
    await screen.findAllByText(longEmail);
    const wrapsAnywhere = (element: Element) => getComputedStyle(element).overflowWrap === 'anywhere';
    const emails = screen.getAllByText(longEmail);
    expect(emails.length).toBe(2);
    for (const email of emails) expect(wrapsAnywhere(email)).toBe(true);
    const displayName = screen.getAllByText(longName).find((element) => element.tagName === 'DIV');
    if (!displayName) throw new Error('no display name field');
    expect(wrapsAnywhere(displayName)).toBe(true);
    expect(parseFloat(getComputedStyle(displayName.parentElement as Element).minWidth)).toBe(0);
    expect(wrapsAnywhere(screen.getByRole('heading', { level: 1 }))).toBe(true);
  });
});
