// @vitest-environment jsdom
// The progress status a screen reader hears is held between quarter steps, so it does not talk at
// every row. A language switch is no progress step, but what it holds must then be said in the new
// language: an admin who switched to Dutch on a finished import heard "Applied 4 of 4 rows".
import { act, cleanup, configure, fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import i18n from '../../i18n/i18n.ts';
import { renderPage } from '../../testing/render-with-providers.tsx';
import { ProgressAnnouncement } from './progress-announcement.tsx';

configure({ asyncUtilTimeout: 10_000 });

afterEach(async () => {
  cleanup();
  await i18n.changeLanguage('en');
});

function AppliedRows({ done, total }: { done: number; total: number }) {
  const { t } = useTranslation();
  const text = `${t('imports.applied')} ${t('imports.progressRows', { done, count: total })}`;
  return <ProgressAnnouncement text={text} percent={Math.round((done / total) * 100)} state="running" />;
}

/** A job that moves 10 rows on at each click of "More". */
function MovingJob({ start, total }: { start: number; total: number }) {
  const [done, setDone] = useState(start);
  return (
    <>
      <AppliedRows done={done} total={total} />
      <button type="button" onClick={() => setDone((rows) => rows + 10)}>
        More
      </button>
    </>
  );
}

describe('the progress announcement', () => {
  it('holds its words within a quarter step', async () => {
    await renderPage(<MovingJob start={100} total={400} />);
    expect(screen.getByTestId('progress-announcement').textContent).toBe('Applied 100 of 400 rows');
    fireEvent.click(screen.getByRole('button', { name: 'More' }));
    expect(screen.getByTestId('progress-announcement').textContent).toBe('Applied 100 of 400 rows');
  });

  it('says what it holds in the language the admin switched to', async () => {
    await renderPage(<AppliedRows done={4} total={4} />);
    expect(screen.getByTestId('progress-announcement').textContent).toMatch(/^Applied/);
    await act(async () => {
      await i18n.changeLanguage('nl');
    });
    expect(screen.getByTestId('progress-announcement').textContent).toMatch(/^Toegepast/);
  });
});
