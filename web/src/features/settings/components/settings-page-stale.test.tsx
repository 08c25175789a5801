// @vitest-environment jsdom
// ADR 0092: the settings form saves with the ETag of the settings it was started from as If-Match; a
// background refresh while the admin edits keeps their input and that ETag; a 412 says that someone
// else changed the customer or its settings, keeps the input until Reload, and Reload starts the
// form afresh from the settings as they are now, with their ETag.
import { focusManager } from '@tanstack/react-query';
import { act, cleanup, configure, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse } from '../../../testing/json-response.ts';
import { preconditionFailedResponse } from '../../../testing/precondition-failed.ts';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import type { CustomerSettings } from '../api/settings.ts';
import { SettingsPage } from './settings-page.tsx';

configure({ asyncUtilTimeout: 10_000 });

const defaults: CustomerSettings = {
  defaultPackage: null,
  autoAssignBasicLicences: true,
  defaultPreferredWebexSite: null,
  extensionLength: 4,
  defaultImportBehaviour: 'add-only',
};

const writes: { method: string; ifMatch: string | null; body: Partial<CustomerSettings> }[] = [];
let reads = 0;
/** The settings the server holds now, and the version of their customer. */
let stored: { settings: CustomerSettings; etag: string };

beforeEach(() => {
  writes.length = 0;
  reads = 0;
  stored = { settings: defaults, etag: 'W/"5"' };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      if (method === 'GET') {
        reads += 1;
        return jsonResponse(stored.settings, 200, stored.etag);
      }
      const ifMatch = new Headers(init?.headers).get('If-Match');
      const body = JSON.parse(String(init?.body)) as Partial<CustomerSettings>;
      writes.push({ method, ifMatch, body });
      if (ifMatch !== null && ifMatch !== stored.etag) {
        return preconditionFailedResponse(
          'The customer or its settings were changed by someone else since you loaded them.',
        );
      }
      stored = {
        settings: { ...stored.settings, ...body },
        etag: `W/"${Number(/\d+/.exec(stored.etag)?.[0]) + 1}"`,
      };
      return jsonResponse(stored.settings, 200, stored.etag);
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const render = () =>
  renderPage(<SettingsPage />, { path: '/control/c1/settings', pattern: '/control/:customerId/settings' });

/** What a refocus does: the page's query asks the server again in the background. */
async function refreshInBackground(readsBefore: number) {
  act(() => {
    focusManager.setFocused(false);
    focusManager.setFocused(true);
  });
  await waitFor(() => expect(reads).toBeGreaterThan(readsBefore));
  focusManager.setFocused(undefined);
}

const lengthBox = () => screen.getByRole('textbox', { name: /Extension length/ }) as HTMLInputElement;
const siteBox = () =>
  screen.getByRole('textbox', { name: /Default preferred Webex site/i }) as HTMLInputElement;

describe('settings page when someone else changed the settings', () => {
  it('keeps input and ETag through a refresh, says so on 412, and Reload starts afresh with the new ETag', async () => {
    await render();
    await screen.findByRole('textbox', { name: /Extension length/ });
    await waitFor(() => expect(lengthBox().value).toBe('4'));
    fireEvent.change(lengthBox(), { target: { value: '6' } });
    // Someone else sets the default site meanwhile; the page's query picks it up in the background.
    stored = { settings: { ...defaults, defaultPreferredWebexSite: 'other.webex.com' }, etag: 'W/"6"' };
    await refreshInBackground(reads);
    expect(lengthBox().value).toBe('6');
    expect(siteBox().value).toBe('');

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText(/Someone else changed this customer or its settings while you were editing/),
    ).toBeTruthy();
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({ method: 'PATCH', ifMatch: 'W/"5"', body: { extensionLength: 6 } });
    expect(lengthBox().value).toBe('6');
    expect(stored.settings.extensionLength).toBe(4);

    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(siteBox().value).toBe('other.webex.com'));
    expect(lengthBox().value).toBe('4');
    expect(screen.queryByText(/Someone else changed this customer or its settings/)).toBeNull();

    fireEvent.change(lengthBox(), { target: { value: '6' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved')).toBeTruthy();
    expect(writes.at(-1)).toMatchObject({
      ifMatch: 'W/"6"',
      body: { extensionLength: 6, defaultPreferredWebexSite: 'other.webex.com' },
    });
    // The next save names the version this one made.
    fireEvent.change(lengthBox(), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(writes).toHaveLength(3));
    expect(writes.at(-1)?.ifMatch).toBe('W/"7"');
  });

  it('a Reload that cannot read the settings says so and keeps the input and the notice', async () => {
    await render();
    await screen.findByRole('textbox', { name: /Extension length/ });
    await waitFor(() => expect(lengthBox().value).toBe('4'));
    fireEvent.change(lengthBox(), { target: { value: '6' } });
    stored = { settings: defaults, etag: 'W/"6"' };
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText(/Someone else changed this customer or its settings while you were editing/),
    ).toBeTruthy();

    // The customer is gone when Reload asks (a 4xx is not retried).
    const readsBefore = reads;
    vi.mocked(fetch).mockImplementation(async () => {
      reads += 1;
      return jsonResponse({ message: 'Customer not found', errors: [] }, 404);
    });
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(reads).toBeGreaterThan(readsBefore));
    expect(await screen.findByRole('button', { name: 'Reload' })).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByText(/Someone else changed this customer or its settings/)).toBeTruthy(),
    );
    expect(lengthBox().value).toBe('6');
    expect(await screen.findByText(/could not be loaded|Try again/i)).toBeTruthy();
  });

  it('an untouched form follows a refresh, with the new ETag', async () => {
    await render();
    await screen.findByRole('textbox', { name: /Extension length/ });
    await waitFor(() => expect(lengthBox().value).toBe('4'));
    stored = { settings: { ...defaults, defaultPreferredWebexSite: 'other.webex.com' }, etag: 'W/"6"' };
    await refreshInBackground(reads);
    await waitFor(() => expect(siteBox().value).toBe('other.webex.com'));
    fireEvent.change(lengthBox(), { target: { value: '6' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(writes).toHaveLength(1));
    expect(writes[0]?.ifMatch).toBe('W/"6"');
  });
});
