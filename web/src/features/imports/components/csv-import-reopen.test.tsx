// @vitest-environment jsdom
// A past import opens again from the history: a dry run not applied in its preview, where it can
// still be applied; an applied import in its results.
import { cleanup, configure, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { CsvImportPage } from './csv-import-page.tsx';

configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const counts = { add: 2, modify: 1, remove: 0, unchanged: 0, error: 0 };
const checked = {
  id: 'd1',
  status: 'validated',
  dryRun: true,
  fileName: 'checked.csv',
  createdAt: '2026-01-01T10:00:00.000Z',
  counts,
};
const done = { ...checked, id: 'a1', status: 'completed', dryRun: false, fileName: 'done.csv' };

function stubImportApi() {
  const requests: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const path = url.split('?')[0] ?? '';
      const method = init?.method ?? 'GET';
      requests.push(`${method} ${path}`);
      const body =
        path === '/v1/customers/c1'
          ? { id: 'c1', directorySyncEnabled: false }
          : path === '/v1/customers/c1/imports'
            ? { items: [checked, done] }
            : path === '/v1/customers/c1/imports/d1/apply'
              ? { id: 'd1', status: 'applying' }
              : path === '/v1/customers/c1/imports/d1'
                ? checked
                : path === '/v1/customers/c1/imports/a1'
                  ? done
                  : { items: [] };
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
  return requests;
}

async function renderImportPage() {
  await renderPage(<CsvImportPage />, {
    path: '/control/c1/users/csv',
    pattern: '/control/:customerId/users/csv',
  });
}

describe('CSV import: reopening a past import', () => {
  it('opens a checked dry run in its preview, where it can be applied', async () => {
    const requests = stubImportApi();
    await renderImportPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Open import checked.csv' }));
    const apply = await screen.findByTestId('apply-import');
    await vi.waitFor(() => expect(apply.hasAttribute('disabled')).toBe(false));
    fireEvent.click(apply);
    await vi.waitFor(() => expect(requests).toContain('POST /v1/customers/c1/imports/d1/apply'));
  });

  it('opens an applied import in its results, with its rows', async () => {
    const requests = stubImportApi();
    await renderImportPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Open import done.csv' }));
    expect(await screen.findByRole('heading', { name: 'Results' })).toBeTruthy();
    await vi.waitFor(() =>
      expect(requests.some((request) => request.startsWith('GET /v1/customers/c1/imports/a1/rows'))).toBe(
        true,
      ),
    );
  });

  it('does not cancel a reopened dry run when the admin starts over', async () => {
    const requests = stubImportApi();
    await renderImportPage();
    fireEvent.click(await screen.findByRole('button', { name: 'Open import checked.csv' }));
    await screen.findByTestId('apply-import');
    fireEvent.click(screen.getByRole('button', { name: 'Start over' }));
    await screen.findByTestId('upload');
    expect(requests.filter((request) => !request.startsWith('GET'))).toEqual([]);
  });

  it('asks for the customer once, though the header, the sync notice and the default behaviour read it', async () => {
    const requests = stubImportApi();
    await renderImportPage();
    await screen.findByRole('button', { name: 'Open import checked.csv' });
    expect(requests.filter((request) => request === 'GET /v1/customers/c1')).toHaveLength(1);
  });
});
