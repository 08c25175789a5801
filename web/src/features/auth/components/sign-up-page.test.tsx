// @vitest-environment jsdom
import { cleanup, configure, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { SignUpPage } from './sign-up-page.tsx';

// Mantine's first render in jsdom is slow on a busy machine: wait for screens longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () =>
        new Response(JSON.stringify({ status: 'pending_verification' }), {
          status: 202,
          headers: { 'Content-Type': 'application/json' },
        }),
    ),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('free-account sign-up', () => {
  it('drops the sign-in link once the free account is requested: it cannot sign in here', async () => {
    await renderPage(<SignUpPage />, { path: '/signup' });
    expect(screen.getByRole('link', { name: 'Back to sign-in' })).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: /First name/ }), { target: { value: 'Anna' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Last name/ }), { target: { value: 'Smit' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Email/ }), {
      target: { value: 'anna@example.org' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText(/Check your inbox/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Back to sign-in' })).toBeNull();
  });
});
