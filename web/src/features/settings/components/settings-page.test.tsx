// @vitest-environment jsdom
import { cleanup, configure, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { isExtensionLength } from './extension-length.ts';
import { SettingsPage } from './settings-page.tsx';

// Mantine's first render in jsdom is slow on a busy machine: wait for screens longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

const settings = {
  defaultPackage: null,
  autoAssignBasicLicences: true,
  defaultPreferredWebexSite: null,
  extensionLength: 4,
  defaultImportBehaviour: 'add-only',
};
const writes: string[] = [];

beforeEach(() => {
  writes.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      if (init?.method && init.method !== 'GET') writes.push(`${init.method} ${url} ${String(init.body)}`);
      return new Response(JSON.stringify(settings), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('extension length rule (SPEC §2: 2–10)', () => {
  it.each([
    [2, true],
    [10, true],
    ['7', true],
    [1, false],
    [11, false],
    [12, false],
    ['12', false],
    ['', false],
    ['4.5', false],
  ])('%s → %s', (value, allowed) => {
    expect(isExtensionLength(value)).toBe(allowed);
  });
});

describe('settings page', () => {
  const render = () =>
    renderPage(<SettingsPage />, { path: '/control/c1/settings', pattern: '/control/:customerId/settings' });

  it('keeps 12 as typed, says the allowed range and does not save', async () => {
    await render();
    const input = await screen.findByRole('textbox', { name: /Extension length/ });
    await waitFor(() => expect((input as HTMLInputElement).value).toBe('4'));
    fireEvent.change(input, { target: { value: '12' } });
    fireEvent.blur(input);
    expect(await screen.findByText('Enter a whole number of digits from 2 to 10.')).toBeTruthy();
    expect((input as HTMLInputElement).value).toBe('12');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(writes).toEqual([]);
  });

  it('saves a length inside the range', async () => {
    await render();
    const input = await screen.findByRole('textbox', { name: /Extension length/ });
    await waitFor(() => expect((input as HTMLInputElement).value).toBe('4'));
    fireEvent.change(input, { target: { value: '6' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(writes).toHaveLength(1));
    expect(writes[0]).toMatch(/^PATCH \/v1\/customers\/c1\/settings .*"extensionLength":6/);
  });

  it('names the step buttons, and they change the length', async () => {
    await render();
    const input = await screen.findByRole('textbox', { name: /Extension length/ });
    await waitFor(() => expect((input as HTMLInputElement).value).toBe('4'));
    fireEvent.click(screen.getByRole('button', { name: 'Increase extension length' }));
    await waitFor(() => expect((input as HTMLInputElement).value).toBe('5'));
    fireEvent.click(screen.getByRole('button', { name: 'Decrease extension length' }));
    await waitFor(() => expect((input as HTMLInputElement).value).toBe('4'));
  });
});

describe('settings page: a refused length', () => {
  it('marks the extension length field and does not read like a crash', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) => {
        if (init?.method === 'PATCH') {
          const body = {
            message: '3 users have extensions of another length; change those first.',
            errors: [
              {
                code: 'extension_length_in_use',
                field: 'extensionLength',
                description: 'Users hold extensions of another length.',
              },
            ],
            trackingId: 'trk-7',
          };
          return new Response(JSON.stringify(body), {
            status: 409,
            headers: { 'Content-Type': 'application/json' },
          });
        }
        return new Response(JSON.stringify(settings), { headers: { 'Content-Type': 'application/json' } });
      }),
    );
    await renderPage(<SettingsPage />, {
      path: '/control/c1/settings',
      pattern: '/control/:customerId/settings',
    });
    const input = await screen.findByRole('textbox', { name: /Extension length/ });
    await waitFor(() => expect((input as HTMLInputElement).value).toBe('4'));
    fireEvent.change(input, { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This could not be saved');
    expect(alert.textContent).toContain('3 users have extensions of another length');
    expect(alert.textContent).not.toContain('trk-7');
    await waitFor(() => expect(input.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getAllByText('Users hold extensions of another length.')).toHaveLength(1);
  });
});
