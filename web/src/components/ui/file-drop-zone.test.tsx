// @vitest-environment jsdom
import { useState } from 'react';
import { cleanup, configure, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPage } from '../../testing/render-with-providers.tsx';
import { FileDropZone } from './file-drop-zone.tsx';

// Mantine's first render in jsdom is slow on a busy machine: wait for screens longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

afterEach(cleanup);

function CsvZone() {
  const [file, setFile] = useState<File | null>(null);
  return (
    <FileDropZone
      accept=".csv,text/csv"
      onFile={setFile}
      title="Drop a CSV"
      hint="or choose one"
      buttonLabel="Choose file"
      fileName={file?.name ?? null}
    />
  );
}

const png = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);

function choose(file: File) {
  fireEvent.change(screen.getByTestId('file-input'), { target: { files: [file] } });
}

describe('file drop zone for CSV', () => {
  it('says a binary file is not a CSV text file', async () => {
    await renderPage(<CsvZone />);
    choose(new File([png], 'photo.csv', { type: 'text/csv' }));
    expect((await screen.findByTestId('not-text-file')).textContent).toBe(
      'This is not a CSV text file. Save it as CSV (UTF-8) and choose it again.',
    );
  });

  it('says nothing about a real CSV, and forgets the warning when a good file replaces a bad one', async () => {
    await renderPage(<CsvZone />);
    choose(new File([png], 'photo.csv', { type: 'text/csv' }));
    await screen.findByTestId('not-text-file');
    choose(new File(['Email,First Name\nanna@acme.nl,Anna\n'], 'users.csv', { type: 'text/csv' }));
    await waitFor(() => expect(screen.getByTestId('chosen-file').textContent).toBe('users.csv'));
    expect(screen.queryByTestId('not-text-file')).toBeNull();
  });
});
