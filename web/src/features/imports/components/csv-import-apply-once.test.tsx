// @vitest-environment jsdom
// Applying an import is sent once however often the button is pressed, and what the page shows follows
// the job's state on the server: a refused apply (409, applied meanwhile) shows the import being applied,
// Start over never cancels an import that is being applied, and the job in the address (`?job=`) opens
// again in its current state after a reload or from a link.
import { cleanup, configure, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { createFakeUploadXhr } from '../testing/fake-upload-xhr.ts';
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
  counts: { add: 5000, modify: 0, remove: 0, unchanged: 0, error: 0, warning: 0 },
};
const applying = {
  ...checked,
  status: 'applying',
  dryRun: false,
  progress: { rowsDone: 2000, rowsTotal: 5000 },
  counts: { add: 2000, modify: 0, remove: 0, unchanged: 0, error: 0, warning: 0 },
};
const completed = { ...applying, status: 'completed', progress: { rowsDone: 5000, rowsTotal: 5000 } };

type Job = typeof checked;

/**
 * The import API as the server answers it: the first apply of the checked job starts it, any later one
 * is refused 409 as the server refuses a job that is no longer a checked dry run.
 */
function stubImportApi(start: { job: Job; appliedElsewhere?: boolean }) {
  const requests: string[] = [];
  let job: Job = start.job;
  const api = {
    requests,
    /** Another tab applies the job: the next read says so. */
    applyElsewhere: () => {
      job = applying;
    },
  };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const path = url.split('?')[0] ?? '';
      const method = init?.method ?? 'GET';
      requests.push(`${method} ${path}`);
      let status = 200;
      let body: unknown = { items: [] };
      if (path === '/v1/customers/c1') body = { id: 'c1', directorySyncEnabled: false };
      else if (path === '/v1/customers/c1/imports' && method === 'POST') body = checked;
      else if (path === '/v1/customers/c1/imports') body = { items: [checked] };
      else if (path === '/v1/customers/c1/imports/d1/apply') {
        if (job.status === 'validated' && !start.appliedElsewhere) body = job = applying;
        else {
          job = applying;
          status = 409;
          body = { code: 'conflict', message: 'The import changed meanwhile.' };
        }
      } else if (path === '/v1/customers/c1/imports/d1/cancel') body = { ...job, status: 'cancelled' };
      else if (path === '/v1/customers/c1/imports/d1') body = job;
      return new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      });
    }),
  );
  return api;
}

async function renderImportPage(path = '/control/c1/users/csv') {
  await renderPage(<CsvImportPage />, { path, pattern: '/control/:customerId/users/csv' });
}

async function openCheckedImport() {
  fireEvent.click(await screen.findByRole('button', { name: 'Open import big.csv' }));
  const apply = await screen.findByTestId('apply-import');
  await vi.waitFor(() => expect(apply.hasAttribute('disabled')).toBe(false));
  return apply;
}

const applies = (requests: string[]) =>
  requests.filter((request) => request === 'POST /v1/customers/c1/imports/d1/apply');

describe('CSV import: applying once, and showing the job as the server has it', () => {
  it('sends one apply for a double click and shows the import being applied', async () => {
    const api = stubImportApi({ job: checked });
    await renderImportPage();
    const apply = await openCheckedImport();
    fireEvent.click(apply);
    fireEvent.click(apply);
    await screen.findByText('2,000 of 5,000 rows');
    expect(applies(api.requests)).toHaveLength(1);
    expect(screen.getByTestId('cancel-import')).toBeTruthy();
    expect(screen.queryByText('The import changed meanwhile.')).toBeNull();
  });

  it('reads the job again when the apply is refused 409, and shows it being applied', async () => {
    stubImportApi({ job: checked, appliedElsewhere: true });
    await renderImportPage();
    fireEvent.click(await openCheckedImport());
    await screen.findByText('2,000 of 5,000 rows');
    expect(screen.getByTestId('cancel-import')).toBeTruthy();
  });

  it('does not cancel a dry run uploaded here that is being applied meanwhile: it says so instead', async () => {
    const fake = createFakeUploadXhr({ answerByFetch: true });
    vi.stubGlobal('XMLHttpRequest', fake.XMLHttpRequest);
    const api = stubImportApi({ job: checked });
    await renderImportPage();
    const text = 'email\nann@acme.nl\n';
    const file = new File([text], 'big.csv', { type: 'text/csv' });
    Object.defineProperty(file, 'text', { value: async () => text });
    fireEvent.change(await screen.findByTestId('file-input'), { target: { files: [file] } });
    fireEvent.click(screen.getByTestId('upload'));
    await screen.findByTestId('apply-import');
    api.applyElsewhere();
    fireEvent.click(screen.getByRole('button', { name: 'Start over' }));
    await screen.findByTestId('applying-not-cancelled');
    expect(screen.getByText('2,000 of 5,000 rows')).toBeTruthy();
    expect(api.requests).not.toContain('POST /v1/customers/c1/imports/d1/cancel');
  });

  it.each([
    ['a checked dry run in its preview', checked, 'apply-import'],
    ['an import being applied in its progress', applying, 'cancel-import'],
    ['an applied import in its results', completed, 'import-progress'],
  ])('opens the job in the address again: %s', async (_name, job, testId) => {
    stubImportApi({ job });
    await renderImportPage('/control/c1/users/csv?job=d1');
    expect(await screen.findByTestId(testId)).toBeTruthy();
    if (job === completed) expect(screen.getByRole('heading', { name: 'Results' })).toBeTruthy();
    if (job === applying) expect(screen.getByText('2,000 of 5,000 rows')).toBeTruthy();
  });
});
