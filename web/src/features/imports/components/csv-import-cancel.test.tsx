// @vitest-environment jsdom
// An import being applied can be cancelled: a question says that the rows already applied stay
// applied; the page then shows the import as cancelled with what it applied, and its rows and error
// report stay reachable.
import { cleanup, configure, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { CsvImportPage } from './csv-import-page.tsx';

configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const checked = {
  id: 'd1',
  status: 'validated',
  dryRun: true,
  fileName: 'big.csv',
  createdAt: '2026-01-01T10:00:00.000Z',
  progress: { rowsDone: 5000, rowsTotal: 5000 },
  counts: { add: 4990, modify: 0, remove: 0, unchanged: 0, error: 10, warning: 0 },
};
const applying = {
  ...checked,
  status: 'applying',
  dryRun: false,
  progress: { rowsDone: 2000, rowsTotal: 5000 },
  counts: { add: 1997, modify: 0, remove: 0, unchanged: 0, error: 3, warning: 0 },
};
const cancelled = { ...applying, status: 'cancelled' };

/** The import API as the server answers it: the job moves from checked to applying to cancelled. */
function stubImportApi({ cancelAnswer = 200 }: { cancelAnswer?: 200 | 409 } = {}) {
  const requests: string[] = [];
  let job: Record<string, unknown> = checked;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const path = url.split('?')[0] ?? '';
      const method = init?.method ?? 'GET';
      requests.push(`${method} ${path}`);
      let status = 200;
      let body: unknown = { items: [] };
      if (path === '/v1/customers/c1') body = { id: 'c1', directorySyncEnabled: false };
      else if (path === '/v1/customers/c1/imports') body = { items: [checked] };
      else if (path === '/v1/customers/c1/imports/d1/apply') body = job = applying;
      else if (path === '/v1/customers/c1/imports/d1/cancel') {
        if (cancelAnswer === 409) {
          job = { ...applying, status: 'completed', progress: { rowsDone: 5000, rowsTotal: 5000 } };
          status = 409;
          body = { code: 'conflict', message: 'This import has already finished (completed).' };
        } else body = job = cancelled;
      } else if (path === '/v1/customers/c1/imports/d1') body = job;
      return new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      });
    }),
  );
  return requests;
}

async function applyCheckedImport() {
  await renderPage(<CsvImportPage />, {
    path: '/control/c1/users/csv',
    pattern: '/control/:customerId/users/csv',
  });
  fireEvent.click(await screen.findByRole('button', { name: 'Open import big.csv' }));
  const apply = await screen.findByTestId('apply-import');
  await vi.waitFor(() => expect(apply.hasAttribute('disabled')).toBe(false));
  fireEvent.click(apply);
  await screen.findByText('2,000 of 5,000 rows');
}

describe('CSV import: cancelling while it is applied', () => {
  it('asks first, saying that applied rows stay applied, and sends nothing when the admin keeps applying', async () => {
    const requests = stubImportApi();
    await applyCheckedImport();
    fireEvent.click(screen.getByTestId('cancel-import'));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel this import?' });
    expect(dialog.textContent).toContain('Rows already applied stay applied');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep applying' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requests).not.toContain('POST /v1/customers/c1/imports/d1/cancel');
    expect(screen.getByTestId('import-progress')).toBeTruthy();
  });

  it('cancels, then shows the import cancelled with what was applied, its rows and its error report', async () => {
    const requests = stubImportApi();
    await applyCheckedImport();
    fireEvent.click(screen.getByTestId('cancel-import'));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel this import?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel import' }));
    await vi.waitFor(() => expect(requests).toContain('POST /v1/customers/c1/imports/d1/cancel'));
    expect((await screen.findByTestId('import-cancelled')).textContent).toContain(
      'The 2,000 rows applied before that stay applied',
    );
    expect(screen.getByRole('heading', { name: 'Results' })).toBeTruthy();
    expect(screen.getByTestId('apply-step-stopped').textContent).toContain('Cancelled');
    expect(screen.getByTestId('import-counts').querySelector('[data-count="add"]')?.textContent).toContain(
      '1,997',
    );
    expect(screen.getByTestId('error-report').getAttribute('href')).toBe(
      '/v1/customers/c1/imports/d1/error-report.csv',
    );
    await vi.waitFor(() =>
      expect(requests.some((request) => request.startsWith('GET /v1/customers/c1/imports/d1/rows'))).toBe(
        true,
      ),
    );
    expect(screen.queryByTestId('cancel-import')).toBeNull();
  });

  it('shows the outcome of an import that finished before the cancel reached it', async () => {
    stubImportApi({ cancelAnswer: 409 });
    await applyCheckedImport();
    fireEvent.click(screen.getByTestId('cancel-import'));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel this import?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel import' }));
    expect(await screen.findByRole('heading', { name: 'Results' })).toBeTruthy();
    expect(screen.queryByTestId('import-cancelled')).toBeNull();
    expect(screen.queryByTestId('apply-step-stopped')).toBeNull();
  });
});
