// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { ImportRowsSection } from './import-rows-section.tsx';

/** A server with 301 rows (row 2..302), the last one an error, paged like the real route. */
const allRows = Array.from({ length: 301 }, (_, index) => ({
  row: index + 2,
  email: `user${index + 1}@acme.nl`,
  action: index === 300 ? 'error' : 'add',
  status: index === 300 ? 'error' : 'ok',
  messages: index === 300 ? ['Email is not valid'] : [],
  changes: null,
}));
const requests: URL[] = [];

beforeEach(() => {
  requests.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string) => {
      const url = new URL(input, 'http://hub.test');
      requests.push(url);
      const status = url.searchParams.get('status');
      const after = Number(url.searchParams.get('after') ?? 0);
      const max = Number(url.searchParams.get('max') ?? 100);
      const matching = allRows.filter((row) => (!status || row.status === status) && row.row > after);
      const items = matching.slice(0, max);
      const headers = new Headers({ 'Content-Type': 'application/json' });
      const last = items[items.length - 1];
      if (last && items.length === max) {
        const next = new URLSearchParams({
          ...(status ? { status } : {}),
          after: String(last.row),
          max: String(max),
        });
        headers.set('Link', `<${url.pathname}?${next.toString()}>; rel="next"`);
      }
      return new Response(JSON.stringify({ items }), { headers });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const counts = { add: 300, modify: 0, remove: 0, unchanged: 0, error: 1, warning: 0 };

async function renderSection() {
  await renderPage(<ImportRowsSection customerId="c1" jobId="j1" phase="dry-run" counts={counts} ready />);
}

/**
 * The range above the table (the pager below repeats it). A page is 100 table rows, which jsdom
 * draws in well over vi.waitFor's default second on a busy CI machine.
 */
async function showsRange(text: string) {
  await vi.waitFor(() => expect(screen.getByTestId('import-rows-range').textContent).toBe(text), {
    timeout: 15_000,
  });
}

function shownRows(): number {
  return screen.getByTestId('import-rows').querySelectorAll('tbody tr').length;
}

// Five pages of 100 rows take ~20 s in jsdom alone, near the suite's 30 s limit on a loaded machine.
describe('import rows section', { timeout: 120_000 }, () => {
  it('reaches every row of a 301-row file page by page and says where it is', async () => {
    await renderSection();
    await showsRange('Rows 2–101 of the file (1–100 of 301)');
    expect(shownRows()).toBe(100);
    const next = screen.getByRole('button', { name: 'Next' });
    fireEvent.click(next);
    await showsRange('Rows 102–201 of the file (101–200 of 301)');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await showsRange('Rows 202–301 of the file (201–300 of 301)');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await showsRange('Row 302 of the file (301 of 301)');
    expect(shownRows()).toBe(1);
    expect(screen.getByText('user301@acme.nl')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Previous' }));
    await showsRange('Rows 202–301 of the file (201–300 of 301)');
  });

  it('keeps the errors-only filter on every page request', async () => {
    await renderSection();
    await showsRange('Rows 2–101 of the file (1–100 of 301)');
    fireEvent.click(screen.getByText('Rows with errors'));
    await showsRange('1 row');
    expect(shownRows()).toBe(1);
    expect(requests[requests.length - 1]?.searchParams.get('status')).toBe('error');
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
