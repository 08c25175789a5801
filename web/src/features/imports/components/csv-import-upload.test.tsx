// @vitest-environment jsdom
// The CSV upload shows how much of the file has been sent and can be cancelled; it sends what every
// request of the app sends, a refusal shows the server's reasons, and the job the upload answers is
// shown without asking for it again.
import { cleanup, configure, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '../../../lib/csrf-token.ts';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import type { FakeUploadXhr } from '../testing/fake-upload-xhr.ts';
import { createFakeUploadXhr } from '../testing/fake-upload-xhr.ts';
import { CsvImportPage } from './csv-import-page.tsx';

configure({ asyncUtilTimeout: 10_000 });

const counts = { add: 2, modify: 0, remove: 0, unchanged: 0, error: 0, warning: 0 };
let fetched: string[] = [];
let uploads: FakeUploadXhr[] = [];

beforeEach(() => {
  fetched = [];
  const fake = createFakeUploadXhr({ answerByFetch: false });
  uploads = fake.requests;
  vi.stubGlobal('XMLHttpRequest', fake.XMLHttpRequest);
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const path = url.split('?')[0] ?? '';
      fetched.push(`${init?.method ?? 'GET'} ${path}`);
      const body =
        path === '/v1/customers/c1'
          ? { id: 'c1', directorySyncEnabled: false }
          : path === '/v1/auth/me'
            ? { csrfToken: 'fresh-token' }
            : path === '/v1/customers/c1/imports/d1'
              ? { id: 'd1', status: 'validated', counts }
              : { items: [] };
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

/** Chooses a two-row file and presses Upload; answers the upload request the page made. */
async function startUpload(): Promise<FakeUploadXhr> {
  await renderPage(<CsvImportPage />, {
    path: '/control/c1/users/csv',
    pattern: '/control/:customerId/users/csv',
  });
  const text = 'email\nann@acme.nl\nbob@acme.nl\n';
  const file = new File([text], 'users.csv', { type: 'text/csv' });
  // jsdom's File has no text(); the page reads the file for its local row count.
  Object.defineProperty(file, 'text', { value: async () => text });
  fireEvent.change(await screen.findByTestId('file-input'), { target: { files: [file] } });
  fireEvent.click(screen.getByTestId('upload'));
  await vi.waitFor(() => expect(uploads.length).toBeGreaterThan(0));
  return uploads[uploads.length - 1] as FakeUploadXhr;
}

describe('CSV upload', () => {
  it('sends the file with the headers, cookie and CSRF token every request carries', async () => {
    setCsrfToken('csrf-1');
    const xhr = await startUpload();
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/v1/customers/c1/imports?behaviour=add-only&dryRun=true');
    expect(xhr.withCredentials).toBe(true);
    expect(xhr.requestHeaders).toEqual({
      accept: 'application/json',
      'accept-language': 'en',
      'x-csrf-token': 'csrf-1',
    });
    const form = xhr.body as FormData;
    expect(form.get('behaviour')).toBe('add-only');
    expect(form.get('dryRun')).toBe('true');
    expect((form.get('file') as File).name).toBe('users.csv');
  });

  it('shows how much of the file has been sent, in bytes and percent', async () => {
    const xhr = await startUpload();
    xhr.progress(1_258_291, 2_516_582);
    const panel = await screen.findByTestId('upload-progress-panel');
    expect(within(panel).getByText('Uploading the file…')).toBeTruthy();
    expect(within(panel).getByTestId('upload-progress-text').textContent).toBe('1.2 MB of 2.4 MB sent (50%)');
    expect(within(panel).getByTestId('upload-progress').getAttribute('data-percent')).toBe('50');
    xhr.progress(2_516_582, 2_516_582);
    await vi.waitFor(() =>
      expect(screen.getByTestId('upload-progress-text').textContent).toBe('2.4 MB of 2.4 MB sent (100%)'),
    );
  });

  it('cancels the upload: the request is aborted, nothing is imported, and the file can be sent again', async () => {
    const xhr = await startUpload();
    xhr.progress(300_000, 1_000_000);
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel upload' }));
    expect(xhr.aborted).toBe(true);
    expect((await screen.findByTestId('upload-cancelled')).textContent).toContain(
      'The upload was cancelled: nothing was imported.',
    );
    expect(screen.queryByTestId('upload-progress-panel')).toBeNull();
    expect(screen.queryByText('The file was not accepted')).toBeNull();
    expect(screen.getByTestId('upload').hasAttribute('disabled')).toBe(false);
    expect(fetched.filter((request) => request.startsWith('POST'))).toEqual([]);
    fireEvent.click(screen.getByTestId('upload'));
    await vi.waitFor(() => expect(uploads).toHaveLength(2));
    expect(screen.queryByTestId('upload-cancelled')).toBeNull();
  });

  it.each([
    [
      413,
      {
        message: 'The file is larger than 25 MB.',
        errors: [{ code: 'payload_too_large', description: 'The limit is 26214400 bytes.' }],
      },
      ['The file is larger than 25 MB.', 'The limit is 26214400 bytes.'],
    ],
    [
      415,
      {
        message: 'The media type text/plain is not accepted here.',
        errors: [{ code: 'unsupported_media_type', description: 'Send the file as multipart/form-data.' }],
      },
      ['The media type text/plain is not accepted here.', 'Send the file as multipart/form-data.'],
    ],
    [
      400,
      {
        message: 'The request is not valid.',
        errors: [
          { code: 'invalid', field: 'behaviour', description: 'behaviour must be add-only or add-remove.' },
        ],
      },
      ['The request is not valid.', 'behaviour must be add-only or add-remove.'],
    ],
  ])('shows the reasons of a %i refusal as the server gave them', async (status, body, texts) => {
    const xhr = await startUpload();
    xhr.respond(status, { ...body, trackingId: 'trk-1' });
    const alert = (await screen.findByText('The file was not accepted')).closest<HTMLElement>(
      '[role="alert"]',
    );
    if (!alert) throw new Error('The refusal is not shown as an alert');
    for (const text of texts) expect(within(alert).getByText(text)).toBeTruthy();
    // A refusal the admin can act on carries no tracking id.
    expect(alert.textContent).not.toContain('trk-1');
    expect(screen.queryByTestId('upload-progress-panel')).toBeNull();
  });

  it('shows the job the upload answered at once, without asking the server for it again', async () => {
    const xhr = await startUpload();
    xhr.respond(
      202,
      { id: 'd1', status: 'validated', dryRun: true, counts },
      { Location: '/v1/customers/c1/imports/d1' },
    );
    const apply = await screen.findByTestId('apply-import');
    expect(apply.hasAttribute('disabled')).toBe(false);
    expect(screen.getByTestId('import-counts').querySelector('[data-count="add"]')?.textContent).toContain(
      '2',
    );
    // The preview's rows are asked for; the job itself is not.
    await vi.waitFor(() =>
      expect(fetched.some((request) => request.startsWith('GET /v1/customers/c1/imports/d1/rows'))).toBe(
        true,
      ),
    );
    expect(fetched).not.toContain('GET /v1/customers/c1/imports/d1');
  });

  it('follows the Location of an answer without a job, asking for the job then', async () => {
    const xhr = await startUpload();
    xhr.respond(202, '', { Location: '/v1/customers/c1/imports/d1' });
    expect(await screen.findByTestId('apply-import')).toBeTruthy();
    expect(fetched).toContain('GET /v1/customers/c1/imports/d1');
  });

  it('fetches a missing CSRF token once and sends the upload again, as every write does', async () => {
    const first = await startUpload();
    expect(first.requestHeaders['x-csrf-token']).toBeUndefined();
    first.respond(403, { message: 'Forbidden', errors: [{ code: 'csrf', description: 'No CSRF token.' }] });
    await vi.waitFor(() => expect(uploads).toHaveLength(2));
    expect(fetched).toContain('GET /v1/auth/me');
    const second = uploads[1] as FakeUploadXhr;
    expect(second.requestHeaders['x-csrf-token']).toBe('fresh-token');
    second.respond(202, { id: 'd1', status: 'validated', dryRun: true, counts });
    expect(await screen.findByTestId('apply-import')).toBeTruthy();
  });
});
