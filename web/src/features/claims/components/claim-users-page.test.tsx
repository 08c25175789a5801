// @vitest-environment jsdom
import { act, cleanup, configure, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import { CanWriteProvider } from '../../../lib/permissions.tsx';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { ClaimUsersPage } from './claim-users-page.tsx';

// Mantine's first render in jsdom is slow on a busy machine: wait for screens longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

const pending = {
  id: 'd1',
  domain: 'acme.nl',
  status: 'pending',
  verified: false,
  token: 'tok123',
  txtRecord: {
    type: 'TXT',
    name: '_wholesale-hub-challenge.acme.nl',
    value: 'wholesale-hub-verification=tok123',
  },
  verifiedAt: null,
  lastCheckedAt: null,
};

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      // The lookup did not find the record: 200 with verified:false, as the API answers.
      const body = url.endsWith('/verify') ? pending : { items: [pending] };
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('claim users: verify a domain', () => {
  it('says the TXT record was not found, with the name and value to create', async () => {
    await renderPage(<ClaimUsersPage />, {
      path: '/control/c1/users/claim',
      pattern: '/control/:customerId/users/claim',
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Verify acme.nl' }));
    const alert = await screen.findByTestId('txt-not-found');
    expect(within(alert).getByText('TXT record not found for acme.nl')).toBeTruthy();
    expect(within(alert).getByText('_wholesale-hub-challenge.acme.nl')).toBeTruthy();
    expect(within(alert).getByText('wholesale-hub-verification=tok123')).toBeTruthy();
  });

  it('shows no "not found" message before the admin asks for a lookup', async () => {
    await renderPage(<ClaimUsersPage />, {
      path: '/control/c1/users/claim',
      pattern: '/control/:customerId/users/claim',
    });
    expect(await screen.findByRole('button', { name: 'Verify acme.nl' })).toBeTruthy();
    expect(screen.queryByTestId('txt-not-found')).toBeNull();
  });

  it.each([
    ['en', 'Copy record value', 'Copied', 'Record value copied', 'Copy record name'],
    ['nl', 'Recordwaarde kopiëren', 'Gekopieerd', 'Recordwaarde gekopieerd', 'Recordnaam kopiëren'],
  ])(
    '(%s) copies the record value with one click and says it did',
    async (language, copyValue, copied, valueCopied, copyName) => {
      const writeText = vi.fn(async (_text: string) => undefined);
      vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
      await renderPage(<ClaimUsersPage />, {
        path: '/control/c1/users/claim',
        pattern: '/control/:customerId/users/claim',
      });
      await act(() => i18n.changeLanguage(language));
      const button = await screen.findByRole('button', { name: copyValue });
      expect(screen.getByRole('button', { name: copyName })).toBeTruthy();
      fireEvent.click(button);
      expect(writeText).toHaveBeenCalledWith('wholesale-hub-verification=tok123');
      // Seen on the button, and heard: a polite status says what was copied.
      expect((await screen.findByRole('button', { name: valueCopied })).textContent).toBe(copied);
      expect(screen.getAllByRole('status').map((status) => status.textContent)).toContain(valueCopied);
      await act(() => i18n.changeLanguage('en'));
    },
  );

  it.each([
    ['en', 'Copy record value', 'Not copied', 'Could not copy: select the text and copy it yourself.'],
    [
      'nl',
      'Recordwaarde kopiëren',
      'Niet gekopieerd',
      'Kopiëren lukte niet: selecteer de tekst en kopieer die zelf.',
    ],
  ])(
    '(%s) says so when the browser refuses the clipboard (plain http)',
    async (language, copyValue, notCopied, refused) => {
      const writeText = vi.fn(async (_text: string) => {
        throw new DOMException('Write permission denied.', 'NotAllowedError');
      });
      vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
      await renderPage(<ClaimUsersPage />, {
        path: '/control/c1/users/claim',
        pattern: '/control/:customerId/users/claim',
      });
      await act(() => i18n.changeLanguage(language));
      fireEvent.click(await screen.findByRole('button', { name: copyValue }));
      expect((await screen.findByRole('button', { name: `${copyValue}: ${notCopied}` })).textContent).toBe(
        notCopied,
      );
      expect(screen.getAllByRole('status').map((status) => status.textContent)).toContain(refused);
      await act(() => i18n.changeLanguage('en'));
    },
  );

  it('says so when there is no clipboard at all (not a secure context)', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: undefined });
    await renderPage(<ClaimUsersPage />, {
      path: '/control/c1/users/claim',
      pattern: '/control/:customerId/users/claim',
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Copy record name' }));
    expect(await screen.findByRole('button', { name: 'Copy record name: Not copied' })).toBeTruthy();
  });

  it('keeps the copy buttons whole on a phone: the record wraps, the button does not shrink', async () => {
    await renderPage(<ClaimUsersPage />, {
      path: '/control/c1/users/claim',
      pattern: '/control/:customerId/users/claim',
    });
    for (const name of ['Copy record name', 'Copy record value']) {
      const button = await screen.findByRole('button', { name });
      expect(button.style.flexShrink).toBe('0');
      const text = button.previousElementSibling as HTMLElement;
      expect(text.style.minWidth).toMatch(/^0(px)?$/);
      expect(text.style.flex).toMatch(/^1/);
      expect(text.style.overflowWrap).toBe('anywhere');
    }
  });
});

describe('claim users: add a domain', () => {
  it('names the field and the reason when the domain is not a domain name, in English and Dutch', async () => {
    await renderPage(<ClaimUsersPage />, {
      path: '/control/c1/users/claim',
      pattern: '/control/:customerId/users/claim',
    });
    const input = await screen.findByRole('textbox', { name: 'Domain' });
    fireEvent.change(input, { target: { value: 'not a domain' } });
    // Not while typing: only once the field is left.
    expect(input.getAttribute('aria-invalid')).not.toBe('true');
    fireEvent.blur(input);
    const error =
      '"not a domain" is not a domain name: enter one such as acme.nl (letters, digits, dots and hyphens, no spaces).';
    expect(await screen.findByText(error)).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    await act(async () => {
      await i18n.changeLanguage('nl');
    });
    expect(screen.getByText(/"not a domain" is geen domeinnaam/)).toBeTruthy();
    await act(async () => {
      await i18n.changeLanguage('en');
    });

    // Add domain sends nothing while the name is wrong; a correct one is sent.
    const fetchMock = vi.mocked(fetch);
    const posts = () => fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST');
    fireEvent.click(screen.getByRole('button', { name: 'Add domain' }));
    expect(posts()).toHaveLength(0);
    fireEvent.change(input, { target: { value: 'bakkerij.nl' } });
    expect(screen.queryByText(error)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Add domain' }));
    await vi.waitFor(() => expect(posts()).toHaveLength(1));
  });

  it('moves focus to the field when Add domain is pressed with a wrong name, so its error is read out', async () => {
    await renderPage(<ClaimUsersPage />, {
      path: '/control/c1/users/claim',
      pattern: '/control/:customerId/users/claim',
    });
    const input = await screen.findByRole('textbox', { name: 'Domain' });
    fireEvent.change(input, { target: { value: 'acme' } });
    const button = screen.getByRole('button', { name: 'Add domain' });
    button.focus();
    fireEvent.click(button);
    const error = await screen.findByText(/"acme" is not a domain name/);
    expect(document.activeElement).toBe(input);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    // The focused field names its error: what a screen reader reads on arrival.
    const describedBy = (input.getAttribute('aria-describedby') ?? '').split(' ');
    expect(describedBy).toContain(error.id);
  });

  // The server refuses a read-only admin's domain changes (403): the page offers none, and still
  // shows the domains, their state and the record to publish.
  it('offers a read-only admin no Add domain and no Verify', async () => {
    await renderPage(
      <CanWriteProvider canWrite={false}>
        <ClaimUsersPage />
      </CanWriteProvider>,
      { path: '/control/c1/users/claim', pattern: '/control/:customerId/users/claim' },
    );
    expect(await screen.findByText('acme.nl')).toBeTruthy();
    expect(screen.getByText('_wholesale-hub-challenge.acme.nl')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Verify acme.nl' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add domain' })).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Domain' })).toBeNull();
  });
});
