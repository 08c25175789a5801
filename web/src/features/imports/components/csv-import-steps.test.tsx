// @vitest-environment jsdom
// The stepper after an apply: all four steps completed only when the import went through; a failed
// or cancelled apply leaves Apply red with its outcome and Results not completed.
import { cleanup, configure, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import type { ImportStatus } from '../api/import-types.ts';
import { createFakeUploadXhr } from '../testing/fake-upload-xhr.ts';
import { CsvImportPage } from './csv-import-page.tsx';

configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const counts = { add: 1, modify: 0, remove: 0, unchanged: 0, error: 0 };

/** The API of customer c1: a dry run `d1` that validates, and an apply `a1` that ends in `applyStatus`. */
function stubImportApi(applyStatus: ImportStatus, failure: string | null) {
  // The upload goes by XMLHttpRequest (for its progress): answered by the same stub.
  vi.stubGlobal('XMLHttpRequest', createFakeUploadXhr({ answerByFetch: true }).XMLHttpRequest);
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const path = url.split('?')[0] ?? '';
      const method = init?.method ?? 'GET';
      const body =
        path === '/v1/customers/c1'
          ? { id: 'c1', directorySyncEnabled: false }
          : method === 'POST' && path === '/v1/customers/c1/imports'
            ? { id: 'd1', status: 'queued' }
            : method === 'POST' && path === '/v1/customers/c1/imports/d1/apply'
              ? { id: 'a1', status: 'applying' }
              : path === '/v1/customers/c1/imports/d1'
                ? { id: 'd1', status: 'validated', counts }
                : path === '/v1/customers/c1/imports/a1'
                  ? { id: 'a1', status: applyStatus, counts, failure }
                  : { items: [] };
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
}

/** Uploads a one-row file, applies the dry run and waits for the results. */
async function importToResults() {
  await renderPage(<CsvImportPage />, {
    path: '/control/c1/users/csv',
    pattern: '/control/:customerId/users/csv',
  });
  const text = 'email\nann@acme.nl\n';
  const file = new File([text], 'users.csv', { type: 'text/csv' });
  // jsdom's File has no text(); the page reads the file for its local row count.
  Object.defineProperty(file, 'text', { value: async () => text });
  fireEvent.change(await screen.findByTestId('file-input'), { target: { files: [file] } });
  fireEvent.click(screen.getByTestId('upload'));
  const apply = await screen.findByTestId('apply-import');
  await vi.waitFor(() => expect(apply.hasAttribute('disabled')).toBe(false));
  fireEvent.click(apply);
  await screen.findByRole('heading', { name: 'Results' });
}

/** Step label → whether Mantine marks the step completed. */
function completedSteps(): Record<string, boolean> {
  const steps = [...document.querySelectorAll<HTMLElement>('.mantine-Stepper-step')];
  return Object.fromEntries(
    steps.map((step) => [
      step.querySelector('.mantine-Stepper-stepLabel')?.textContent ?? '',
      step.hasAttribute('data-completed'),
    ]),
  );
}

describe('CSV import stepper after applying', () => {
  it('marks every step completed when the import went through', async () => {
    stubImportApi('completed', null);
    await importToResults();
    expect(completedSteps()).toEqual({ Upload: true, Preview: true, Apply: true, Results: true });
    expect(screen.queryByTestId('apply-step-stopped')).toBeNull();
  });

  it.each([
    ['failed', 'Failed', 'The database went away.'],
    ['cancelled', 'Cancelled', null],
  ] as const)(
    'leaves Apply and Results incomplete when the apply %s, and says so',
    async (status, label, failure) => {
      stubImportApi(status, failure);
      await importToResults();
      expect(completedSteps()).toEqual({ Upload: true, Preview: true, Apply: false, Results: false });
      expect(screen.getByTestId('apply-step-stopped').textContent).toContain(label);
      if (failure) expect(screen.getByText(failure)).toBeTruthy();
    },
  );
});
