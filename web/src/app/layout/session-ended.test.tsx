// @vitest-environment jsdom
import { useState } from 'react';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider, useMutation, useQuery } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorAlert } from '../../components/ui/error-alert.tsx';
import i18n from '../../i18n/i18n.ts';
import { apiRequest } from '../../lib/api-client.ts';
import { forgetSignedOut } from '../../lib/signed-out-hint.ts';
import { createQueryClient } from '../../lib/query-client.ts';
import { polyfillBrowser } from '../../testing/render-with-providers.tsx';
import { theme } from '../theme.ts';
import { RequireAuth } from './require-auth.tsx';

let sessionAlive = true;
const admin = { id: 'a1', email: 'anna@acme.nl', role: 'partner_full_admin', partnerId: 'p1' };
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const signInFirst = () =>
  json(
    {
      message: 'Sign in, or send a valid API token as "Authorization: Bearer <token>"',
      errors: [{ code: 'unauthenticated', description: 'Sign in first' }],
    },
    401,
  );

beforeEach(() => {
  sessionAlive = true;
  window.localStorage.clear();
  forgetSignedOut();
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      if (url === '/v1/auth/login') {
        sessionAlive = true;
        return json({ admin, csrfToken: 'csrf' });
      }
      if (!sessionAlive) return signInFirst();
      if (url.startsWith('/v1/auth/me')) return json({ admin, csrfToken: 'csrf' });
      if (url === '/v1/things') return json({ name: 'Kept' });
      return json({ items: [] });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.localStorage.clear();
  forgetSignedOut();
});

function HalfFilledForm() {
  const [name, setName] = useState('');
  const save = useMutation({
    mutationFn: () => apiRequest('/v1/things', { method: 'POST', body: { name } }),
  });
  return (
    <>
      <label>
        Name
        <input value={name} onChange={(event) => setName(event.target.value)} />
      </label>
      <button type="button" onClick={() => save.mutate()}>
        Save thing
      </button>
      {save.isSuccess ? <p>Thing saved</p> : null}
      {save.isError ? <ErrorAlert error={save.error} /> : null}
    </>
  );
}

function LoadingPage() {
  const things = useQuery({ queryKey: ['things'], queryFn: () => apiRequest('/v1/things/list') });
  return <p>{things.isSuccess ? 'Things loaded' : 'Things pending'}</p>;
}

async function renderApp(path: string) {
  polyfillBrowser();
  await i18n.changeLanguage('en');
  render(
    <MantineProvider theme={theme}>
      <QueryClientProvider client={createQueryClient()}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/login" element={<p>Sign-in page</p>} />
            <Route
              path="/partner/form"
              element={
                <RequireAuth>
                  <HalfFilledForm />
                </RequireAuth>
              }
            />
            <Route
              path="/partner/list"
              element={
                <RequireAuth>
                  <LoadingPage />
                </RequireAuth>
              }
            />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('a session that ends while the admin works', () => {
  it('asks to sign in over a half-filled form, which survives and saves afterwards', async () => {
    await renderApp('/partner/form?tab=1');
    const input = await screen.findByRole('textbox', { name: 'Name' });
    fireEvent.change(input, { target: { value: 'Half filled' } });
    sessionAlive = false; // signed out in another tab
    fireEvent.click(screen.getByRole('button', { name: 'Save thing' }));

    const dialog = await screen.findByRole('dialog', { name: 'Your session has ended' });
    expect(dialog.textContent).not.toContain('Authorization: Bearer');
    expect(within(dialog).getByRole('link', { name: 'Go to sign-in' }).getAttribute('href')).toBe(
      '/login?next=%2Fpartner%2Fform%3Ftab%3D1',
    );
    expect(screen.queryByText('Sign-in page')).toBeNull();

    fireEvent.change(within(dialog).getByLabelText(/^Password/), { target: { value: 'secret' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((screen.getByRole('textbox', { name: 'Name' }) as HTMLInputElement).value).toBe('Half filled');
    fireEvent.click(screen.getByRole('button', { name: 'Save thing' }));
    expect(await screen.findByText('Thing saved')).toBeTruthy();
  });

  it('asks to sign in when a screen only loads data, and loads it once signed in', async () => {
    sessionAlive = true;
    const fetchMock = vi.mocked(fetch);
    fetchMock.mockImplementation(async (input) => {
      const url = String(input);
      if (url === '/v1/auth/login') {
        sessionAlive = true;
        return json({ admin, csrfToken: 'csrf' });
      }
      if (url.startsWith('/v1/auth/me')) return json({ admin, csrfToken: 'csrf' });
      // The list is the first request to hear the session is gone.
      if (url === '/v1/things/list') return sessionAlive ? json({ items: [] }) : signInFirst();
      return json({});
    });
    sessionAlive = false;
    await renderApp('/partner/list');
    const dialog = await screen.findByRole('dialog', { name: 'Your session has ended' });
    fireEvent.change(within(dialog).getByLabelText(/^Password/), { target: { value: 'secret' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Things loaded')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
