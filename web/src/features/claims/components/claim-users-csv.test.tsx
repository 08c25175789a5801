// @vitest-environment jsdom
// SPEC §5: free accounts in a verified domain can be claimed "any number by CSV". The claim page
// uploads the chosen file's bytes as they are (the server reads Windows-1252 and the rest itself),
// shows per account what the list claim shows, and a refusal of the whole file in the admin's
// language. A read-only admin sees no upload.
import { act, cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import { CanWriteProvider } from '../../../lib/permissions.tsx';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { ClaimUsersPage } from './claim-users-page.tsx';

configure({ asyncUtilTimeout: 10_000 });

interface SentUpload {
  url: string;
  method: string | undefined;
  headers: Headers;
  body: unknown;
}

const uploads: SentUpload[] = [];
const siteWarning =
  'No Preferred Webex Site for Webex Meetings: meetings may not work as expected until one is set.';
/** What the server answers a file it refuses as a whole, in the request's language. */
const emptyFile = { en: 'The file is empty.', nl: 'Het bestand is leeg.' };
let answerCsv: (language: 'en' | 'nl') => { status: number; body: unknown } = () => ({
  status: 200,
  body: {
    counts: { claimed: 2, failed: 1 },
    results: [
      {
        email: 'anna@acme.nl',
        result: 'claimed',
        userId: 'u1',
        errors: [],
        warnings: [
          {
            code: 'preferred_site_missing',
            description: siteWarning,
            field: 'preferredWebexSite',
            params: { package: 'webex_meetings' },
          },
        ],
      },
      { email: 'bram@acme.nl', result: 'claimed', userId: 'u2', errors: [], warnings: [] },
      {
        email: 'cees@elders.nl',
        result: 'failed',
        errors: [
          {
            code: 'not_claimable',
            description: 'cees@elders.nl is not a free account in a verified domain of this organization.',
            field: 'email',
          },
        ],
        warnings: [],
      },
    ],
  },
});

const defaultAnswer = answerCsv;

beforeEach(() => {
  uploads.length = 0;
  answerCsv = defaultAnswer;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      let status = 200;
      let body: unknown = { items: [] };
      if (url.includes('/domains'))
        body = { items: [{ domain: 'acme.nl', status: 'verified', verified: true }] };
      else if (url.includes('/claims/csv')) {
        const headers = new Headers(init?.headers);
        uploads.push({ url, method: init?.method, headers, body: init?.body });
        ({ status, body } = answerCsv(headers.get('Accept-Language') === 'nl' ? 'nl' : 'en'));
      }
      return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    }),
  );
});

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

const renderClaim = (canWrite = true) =>
  renderPage(
    <CanWriteProvider canWrite={canWrite}>
      <ClaimUsersPage />
    </CanWriteProvider>,
    { path: '/control/c1/users/claim', pattern: '/control/:customerId/users/claim' },
  );

/** "é" in Windows-1252 is the one byte 0xE9: not UTF-8, so only the raw bytes keep it. */
const windows1252 = new Uint8Array([
  ...new TextEncoder().encode('email\r\nren'),
  0xe9,
  ...new TextEncoder().encode('@acme.nl\r\n'),
]);

function chooseFile(file: File) {
  const section = screen.getByTestId('claim-csv');
  fireEvent.change(within(section).getByTestId('file-input'), { target: { files: [file] } });
}

function bytesOf(blob: Blob): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve([...new Uint8Array(reader.result as ArrayBuffer)]);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

/** Presses Claim from file once the page knows a domain is verified (the button is off before). */
async function claimFromFile(name = 'Claim from file') {
  const button = await screen.findByRole('button', { name });
  await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
  fireEvent.click(button);
}

/** The lines the results table shows for one email. */
function linesOf(results: HTMLElement, email: string): string[] {
  const row = within(results).getByText(email).closest('tr') as HTMLElement;
  return [...row.querySelectorAll('[data-testid^="claim-line-"]')].map((line) => line.textContent ?? '');
}

describe('claim users by CSV file', () => {
  it('uploads the file’s bytes as they are, as text/csv, to the customer’s claims CSV', async () => {
    await renderClaim();
    const file = new File([windows1252], 'accounts.csv', { type: 'application/vnd.ms-excel' });
    await screen.findByTestId('claim-csv');
    chooseFile(file);
    await claimFromFile();
    await screen.findByTestId('claim-csv-results');
    expect(uploads).toHaveLength(1);
    const [upload] = uploads;
    expect(upload?.url).toBe('/v1/customers/c1/claims/csv');
    expect(upload?.method).toBe('POST');
    expect(upload?.headers.get('Content-Type')).toBe('text/csv');
    expect(upload?.body).toBeInstanceOf(Blob);
    expect(await bytesOf(upload?.body as Blob)).toEqual([...windows1252]);
  });

  it('asks for the package chosen for the file', async () => {
    await renderClaim();
    await screen.findByTestId('claim-csv');
    const packages = screen.getByRole('combobox', { name: 'Package for the users in the file' });
    fireEvent.click(packages);
    // The list claim's package list is on the page too: the option of this one's own list.
    const list = await waitFor(() => {
      const listbox = document.getElementById(packages.getAttribute('aria-controls') ?? '');
      if (!listbox) throw new Error('the package list did not open');
      return listbox;
    });
    fireEvent.click(within(list).getByRole('option', { name: 'Webex Meetings', hidden: true }));
    chooseFile(new File(['email\nanna@acme.nl\n'], 'accounts.csv', { type: 'text/csv' }));
    await claimFromFile();
    await screen.findByTestId('claim-csv-results');
    expect(uploads.map((upload) => upload.url)).toEqual([
      '/v1/customers/c1/claims/csv?package=webex_meetings',
    ]);
  });

  it('shows the counts and each account’s result, warnings naming their column', async () => {
    await renderClaim();
    await screen.findByTestId('claim-csv');
    chooseFile(new File(['email\n'], 'accounts.csv', { type: 'text/csv' }));
    await claimFromFile();
    const results = await screen.findByTestId('claim-csv-results');
    expect(screen.getByTestId('claim-csv-counts').textContent).toBe(
      '2 accounts claimed, 1 not claimed. 1 user has a warning: see below.',
    );
    expect(linesOf(results, 'anna@acme.nl')).toEqual([
      'Claimed',
      `Warning, Preferred Webex Site: ${siteWarning}`,
    ]);
    expect(linesOf(results, 'bram@acme.nl')).toEqual(['Claimed']);
    // Claimed once, the file is no longer chosen: a second press cannot send it again.
    expect(within(screen.getByTestId('claim-csv')).queryByTestId('chosen-file')).toBeNull();
    expect((screen.getByRole('button', { name: 'Claim from file' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    expect(linesOf(results, 'cees@elders.nl')).toEqual([
      'Not claimed, User ID/Email: cees@elders.nl is not a free account in a verified domain of this organization.',
    ]);
  });

  it.each([
    ['en', 'No accounts were claimed from the file'],
    ['nl', 'Er zijn geen accounts uit het bestand geclaimd'],
  ] as const)(
    '(%s) shows a 400 refusal of the whole file in the admin’s language',
    async (language, title) => {
      answerCsv = (answered) => ({
        status: 400,
        body: {
          message: emptyFile[answered],
          errors: [{ code: 'empty_file', field: 'file', description: emptyFile[answered] }],
          trackingId: 't-1',
        },
      });
      await renderClaim();
      await act(() => i18n.changeLanguage(language));
      await screen.findByTestId('claim-csv');
      chooseFile(new File([''], 'empty.csv', { type: 'text/csv' }));
      fireEvent.click(
        screen.getByRole('button', { name: language === 'en' ? 'Claim from file' : 'Claimen uit bestand' }),
      );
      const alert = await within(screen.getByTestId('claim-csv')).findByRole('alert');
      expect(within(alert).getByText(title)).toBeTruthy();
      // The server's reason once, not repeated as "file: …", and no results.
      expect(alert.textContent).toBe(`${title}${emptyFile[language]}`);
      expect(screen.queryByTestId('claim-csv-results')).toBeNull();
    },
  );

  it('says which column the file needs and offers a template with it', async () => {
    await renderClaim();
    const section = await screen.findByTestId('claim-csv');
    expect(section.textContent).toContain('User ID/Email (Required)');
    const template = within(section).getByRole('link', { name: 'Download template' });
    expect(template.getAttribute('download')).toBe('claim-users.csv');
    expect(decodeURIComponent(template.getAttribute('href') ?? '')).toBe(
      'data:text/csv;charset=utf-8,User ID/Email (Required)\r\n',
    );
  });

  it('gives the Dutch header in Dutch', async () => {
    await renderClaim();
    await act(() => i18n.changeLanguage('nl'));
    const section = await screen.findByTestId('claim-csv');
    expect(section.textContent).toContain('“Gebruikers-ID/e-mail (verplicht)” (of “email”)');
    const template = within(section).getByRole('link', { name: 'Sjabloon downloaden' });
    expect(decodeURIComponent(template.getAttribute('href') ?? '')).toBe(
      'data:text/csv;charset=utf-8,Gebruikers-ID/e-mail (verplicht)\r\n',
    );
  });

  it('keeps the upload off while directory sync is on (ADR 0067), with a file chosen', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        const body =
          url === '/v1/customers/c1'
            ? { id: 'c1', directorySyncEnabled: true }
            : url.includes('/domains')
              ? { items: [{ domain: 'acme.nl', status: 'verified', verified: true }] }
              : { items: [] };
        return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
      }),
    );
    await renderClaim();
    await screen.findByTestId('directory-sync-notice');
    // The domain is verified: only the sync keeps the button off.
    await screen.findByText('Verified');
    chooseFile(new File(['email\nanna@acme.nl\n'], 'accounts.csv', { type: 'text/csv' }));
    await screen.findByText('accounts.csv');
    expect((screen.getByRole('button', { name: 'Claim from file' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it('sends nothing before a file is chosen', async () => {
    await renderClaim();
    await screen.findByTestId('claim-csv');
    expect((screen.getByRole('button', { name: 'Claim from file' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it('offers a read-only admin no upload (and no claim)', async () => {
    await renderClaim(false);
    await screen.findByRole('heading', { name: 'Free accounts in verified domains' });
    await screen.findByText('Claim from a CSV file');
    expect(screen.queryByRole('button', { name: 'Claim from file' })).toBeNull();
    expect(screen.queryByTestId('file-input')).toBeNull();
    expect(screen.queryByRole('button', { name: /Claim selected/ })).toBeNull();
  });
});
