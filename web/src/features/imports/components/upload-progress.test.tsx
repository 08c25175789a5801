// @vitest-environment jsdom
import { useState } from 'react';
import { act, cleanup, configure, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { UploadProgressPanel } from './upload-progress.tsx';

// Mantine's first render in jsdom is slow on a busy machine: wait for screens longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

afterEach(cleanup);

const total = 1000;
let send: (loaded: number) => void = () => undefined;

/** The panel as the page keeps it: the same element, with the bytes sent so far. */
function Upload() {
  const [loaded, setLoaded] = useState(100);
  send = setLoaded;
  return <UploadProgressPanel progress={{ loaded, total }} onCancel={() => undefined} />;
}
const sent = (loaded: number) => act(() => send(loaded));

describe('the upload progress a screen reader hears', () => {
  it('is a polite status that speaks at each quarter, not at every percent', async () => {
    await renderPage(<Upload />);
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('Uploading the file…');
    expect(status.textContent).toContain('(10%)');

    // The figures on screen follow every step; the status keeps what it said until the next quarter.
    sent(120);
    expect(screen.getByTestId('upload-progress-text').textContent).toContain('(12%)');
    expect(screen.getByRole('status').textContent).toContain('(10%)');
    sent(240);
    expect(screen.getByRole('status').textContent).toContain('(10%)');

    sent(260);
    expect(screen.getByRole('status').textContent).toContain('(26%)');
    sent(1000);
    expect(screen.getByRole('status').textContent).toContain('(100%)');
  });
});
