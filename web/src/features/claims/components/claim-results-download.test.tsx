// @vitest-environment jsdom
// The claim results offer the accounts not claimed as a CSV file made in the page, so the admin
// can fix them and upload the file again; a claim that claimed every account offers nothing.
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import type { ClaimResult } from '../api/claims.ts';
import { ClaimResults } from './claim-results.tsx';
import { OBJECT_URL_LIFETIME_MS } from './download-csv-file.ts';

const made: Blob[] = [];

beforeEach(() => {
  made.length = 0;
  URL.createObjectURL = vi.fn((blob: Blob) => {
    made.push(blob);
    return `blob:test/${made.length}`;
  });
  URL.revokeObjectURL = vi.fn();
  // jsdom does not navigate; the download link's click is all that is needed.
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
});

afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  await i18n.changeLanguage('en');
});

const mixed: ClaimResult = {
  counts: { claimed: 1, failed: 1 },
  results: [
    { email: 'a@acme.nl', result: 'claimed', warnings: [] },
    { email: 'b@acme.nl', result: 'failed', errors: [{ code: 'x', description: '=cmd|calc' }] },
  ],
};

/** The file's text after its UTF-8 BOM (jsdom's Blob has no text() or arrayBuffer()). */
async function textOf(blob: Blob): Promise<string> {
  const bytes = await new Promise<Uint8Array>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.readAsArrayBuffer(blob);
  });
  // The BOM makes Excel read the file as UTF-8.
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder().decode(bytes.slice(3));
}

describe('download of the accounts not claimed', () => {
  it('makes a CSV file of the accounts not claimed, formulas neutralized', async () => {
    await renderPage(<ClaimResults result={mixed} claimedPackage={null} testIdPrefix="claim-csv" />);
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      fireEvent.click(screen.getByRole('button', { name: 'Download the accounts not claimed (CSV)' }));
      // Kept while the browser may still read it, then let go.
      vi.advanceTimersByTime(OBJECT_URL_LIFETIME_MS - 1);
      expect(URL.revokeObjectURL).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:test/1');
    } finally {
      vi.useRealTimers();
    }
    expect(made).toHaveLength(1);
    expect(made[0]?.type).toBe('text/csv;charset=utf-8');
    expect(await textOf(made[0] as Blob)).toBe(
      'User ID/Email (Required),Reason\r\nb@acme.nl,Not claimed: =cmd|calc\r\n',
    );
  });

  it('writes the headers in Dutch when the page is Dutch', async () => {
    await renderPage(<ClaimResults result={mixed} claimedPackage={null} testIdPrefix="claim-csv" />);
    await act(() => i18n.changeLanguage('nl'));
    fireEvent.click(screen.getByRole('button', { name: 'Niet-geclaimde accounts downloaden (CSV)' }));
    expect((await textOf(made[0] as Blob)).split('\r\n')[0]).toBe('Gebruikers-ID/e-mail (verplicht),Reden');
  });

  it('neutralizes a cell that starts with a formula character', async () => {
    const result: ClaimResult = {
      counts: { claimed: 0, failed: 1 },
      results: [{ email: '=1+1@acme.nl', result: 'failed', errors: [{ code: 'x', description: 'No.' }] }],
    };
    await renderPage(<ClaimResults result={result} claimedPackage={null} testIdPrefix="claim-csv" />);
    fireEvent.click(screen.getByRole('button', { name: 'Download the accounts not claimed (CSV)' }));
    expect((await textOf(made[0] as Blob)).split('\r\n')[1]).toBe("'=1+1@acme.nl,Not claimed: No.");
  });

  it('is not offered when every account was claimed', async () => {
    const all: ClaimResult = {
      counts: { claimed: 2, failed: 0 },
      results: [
        { email: 'a@acme.nl', result: 'claimed', warnings: [] },
        { email: 'c@acme.nl', result: 'claimed', warnings: [{ code: 'x', description: 'Check.' }] },
      ],
    };
    await renderPage(<ClaimResults result={all} claimedPackage={null} testIdPrefix="claim-csv" />);
    expect(screen.getByTestId('claim-csv-counts')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /not claimed/ })).toBeNull();
  });
});
