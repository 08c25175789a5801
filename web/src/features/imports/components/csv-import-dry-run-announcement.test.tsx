// @vitest-environment jsdom
// A screen reader hears the dry run's outcome (its counts) once when the check is done, through the
// same polite status that spoke while checking: not every progress tick, and not nothing at all.
import { cleanup, configure, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { CsvImportPage } from './csv-import-page.tsx';

configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const checking = (rowsDone: number) => ({
  id: 'd1',
  status: 'validating',
  dryRun: true,
  progress: { rowsDone, rowsTotal: 100 },
});
const checked = {
  id: 'd1',
  status: 'validated',
  dryRun: true,
  progress: { rowsDone: 100, rowsTotal: 100 },
  counts: { add: 3, modify: 1, remove: 0, unchanged: 94, error: 2, warning: 1 },
};

/** The dry run d1 as the server answers it now (`job`), counting the times it is asked for. */
function stubImportApi() {
  const state = { job: checking(10) as Record<string, unknown>, asked: 0 };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const path = url.split('?')[0] ?? '';
      let body: unknown = { items: [] };
      if (path === '/v1/customers/c1') body = { id: 'c1', directorySyncEnabled: false };
      else if (path === '/v1/customers/c1/imports/d1') {
        state.asked += 1;
        body = state.job;
      }
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
  return state;
}

/** Waits for the page to ask for the job again (one poll) after the server's answer changed. */
async function nextPoll(state: { asked: number }) {
  const asked = state.asked;
  await vi.waitFor(() => expect(state.asked).toBeGreaterThan(asked), { timeout: 10_000 });
}

describe('CSV import: the dry run done', () => {
  it('is announced politely once, with its counts, by the status that spoke while checking', async () => {
    const server = stubImportApi();
    await renderPage(<CsvImportPage />, {
      path: '/control/c1/users/csv?job=d1',
      pattern: '/control/:customerId/users/csv',
    });
    const status = await screen.findByTestId('progress-announcement');
    expect(status.getAttribute('role')).toBe('status');
    expect(status.textContent).toContain('Checking the file…');
    const said: string[] = [];
    const observer = new MutationObserver(() => said.push(status.textContent ?? ''));
    observer.observe(status, { childList: true, characterData: true, subtree: true });
    try {
      // A tick within the same quarter says nothing new.
      server.job = checking(12);
      await nextPoll(server);
      await nextPoll(server);
      expect(said).toEqual([]);

      server.job = checked;
      await screen.findByTestId('import-counts');
      const outcome = 'File checked. Would add 3, modify 1, remove 0; 2 errors';
      // The same live region, still in the page: a region added with its text is often not read.
      expect(status.isConnected).toBe(true);
      expect(screen.getAllByTestId('progress-announcement')).toEqual([status]);
      await vi.waitFor(() => expect(status.textContent).toBe(outcome));
      expect(said.filter((text) => text === outcome)).toHaveLength(1);
    } finally {
      observer.disconnect();
    }
  });
});
