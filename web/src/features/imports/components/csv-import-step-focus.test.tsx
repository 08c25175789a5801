// @vitest-environment jsdom
// Help text "CSV add or modify": the preview and the results replace the buttons that led to them,
// so focus goes to their headings (Preview, Results), not back to the start of the page, for a
// keyboard or screen-reader user.
import { cleanup, configure, fireEvent, screen } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
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
  fileName: 'users.csv',
  createdAt: '2026-01-01T10:00:00.000Z',
  progress: { rowsDone: 3, rowsTotal: 3 },
  counts: { add: 3, modify: 0, remove: 0, unchanged: 0, error: 0, warning: 0 },
};
const completed = { ...checked, status: 'completed', dryRun: false };

it('moves focus to the preview heading, then to the results heading', async () => {
  let job = checked;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const path = url.split('?')[0] ?? '';
      const method = init?.method ?? 'GET';
      let body: unknown = { items: [] };
      if (path === '/v1/customers/c1') body = { id: 'c1', directorySyncEnabled: false };
      else if (path === '/v1/customers/c1/imports') body = { items: [checked] };
      else if (path === '/v1/customers/c1/imports/d1/apply') body = job = completed;
      else if (path === '/v1/customers/c1/imports/d1' && method === 'GET') body = job;
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
  await renderPage(<CsvImportPage />, {
    path: '/control/c1/users/csv',
    pattern: '/control/:customerId/users/csv',
  });
  const open = await screen.findByRole('button', { name: 'Open import users.csv' });
  open.focus();
  fireEvent.click(open);
  const preview = await screen.findByRole('heading', { name: 'Preview (dry run)' });
  await vi.waitFor(() => expect(document.activeElement).toBe(preview));
  const apply = screen.getByTestId('apply-import');
  await vi.waitFor(() => expect(apply.hasAttribute('disabled')).toBe(false));
  apply.focus();
  fireEvent.click(apply);
  const results = await screen.findByRole('heading', { name: 'Results' });
  await vi.waitFor(() => expect(document.activeElement).toBe(results));
}, 60_000);
