// @vitest-environment jsdom
// The import history pages through the server's `Link: rel="next"` (SPEC §7): imports older than
// the first page stay reachable, with the pager the other lists have.
import { cleanup, configure, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { RecentImports } from './recent-imports.tsx';

configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const job = (n: number) => ({
  id: `i${n}`,
  status: 'completed',
  fileName: `upload-${n}.csv`,
  createdAt: '2026-01-01T10:00:00.000Z',
  counts: { add: 1, modify: 0, remove: 0, unchanged: 0, error: 0 },
});

/** Customer c1 has 12 imports: 10 on the first page, with a Link to the 2 older ones. */
function stubImports() {
  const requested: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      requested.push(url);
      const older = url.includes('cursor=older');
      const items = older ? [job(11), job(12)] : Array.from({ length: 10 }, (_, index) => job(index + 1));
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (!older) headers.Link = '</v1/customers/c1/imports?max=10&cursor=older>; rel="next"';
      return new Response(JSON.stringify({ items }), { headers });
    }),
  );
  return requested;
}

describe('RecentImports', () => {
  it('shows the first page and follows the Link to older imports', async () => {
    const requested = stubImports();
    await renderPage(<RecentImports customerId="c1" onOpen={() => undefined} />);
    expect(await screen.findByText('upload-1.csv')).toBeTruthy();
    expect(screen.queryByText('upload-11.csv')).toBeNull();
    expect(requested[0]).toContain('max=10');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('upload-11.csv')).toBeTruthy();
    expect(screen.getByText('upload-12.csv')).toBeTruthy();
    expect(requested.at(-1)).toContain('cursor=older');
    fireEvent.click(screen.getByRole('button', { name: 'Previous' }));
    expect(await screen.findByText('upload-1.csv')).toBeTruthy();
  });

  it('shows no pager when every import fits the first page', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify({ items: [job(1)] }), {
            headers: { 'Content-Type': 'application/json' },
          }),
      ),
    );
    await renderPage(<RecentImports customerId="c1" onOpen={() => undefined} />);
    expect(await screen.findByText('upload-1.csv')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Next' })).toBeNull();
  });

  it('words a dry run not applied as what it would do, and opens a row', async () => {
    const dryRun = {
      ...job(1),
      status: 'validated',
      dryRun: true,
      counts: { add: 2, modify: 1, remove: 0, unchanged: 0, error: 2 },
    };
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify({ items: [dryRun, job(2)] }), {
            headers: { 'Content-Type': 'application/json' },
          }),
      ),
    );
    const opened: string[] = [];
    await renderPage(<RecentImports customerId="c1" onOpen={(picked) => opened.push(picked.id)} />);
    expect(await screen.findByText('Would add 2, modify 1, remove 0; 2 errors')).toBeTruthy();
    expect(screen.queryByText(/2 added/)).toBeNull();
    expect(screen.getByText('1 added, 0 modified, 0 removed, 0 errors')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Open import upload-1.csv' }));
    expect(opened).toEqual(['i1']);
  });
});
