// @vitest-environment jsdom
// The counts of a dry run or an import of a big file, written the way the language writes numbers as
// the texts around them are: "Toevoegen: 12.345" in Dutch, "Add: 12,345" in English, not "12345".
import { cleanup, render, screen } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { afterEach, expect, it } from 'vitest';
import { theme } from '../../../app/theme.ts';
import i18n from '../../../i18n/i18n.ts';
import { polyfillBrowser } from '../../../testing/render-with-providers.tsx';
import { ImportCounts } from './import-counts.tsx';

afterEach(async () => {
  cleanup();
  await i18n.changeLanguage('en');
});

it('writes each count the way the language writes numbers', async () => {
  polyfillBrowser();
  await i18n.changeLanguage('nl');
  render(
    <MantineProvider theme={theme}>
      <ImportCounts
        counts={{ add: 12345, modify: 250000, remove: 0, unchanged: 7, error: 1000, warning: 3 }}
      />
    </MantineProvider>,
  );
  const count = (key: string) =>
    screen.getByTestId('import-counts').querySelector(`[data-count="${key}"]`)?.textContent;
  expect(count('add')).toBe('Toevoegen: 12.345');
  expect(count('modify')).toBe('Wijzigen: 250.000');
  expect(count('error')).toBe('Fout: 1.000');
  expect(count('unchanged')).toBe('Ongewijzigd: 7');
});

it('writes them the English way in English: "Add: 12,345"', async () => {
  polyfillBrowser();
  await i18n.changeLanguage('en');
  render(
    <MantineProvider theme={theme}>
      <ImportCounts
        counts={{ add: 12345, modify: 250000, remove: 0, unchanged: 7, error: 1000, warning: 3 }}
      />
    </MantineProvider>,
  );
  const count = (key: string) =>
    screen.getByTestId('import-counts').querySelector(`[data-count="${key}"]`)?.textContent;
  expect(count('add')).toBe('Add: 12,345');
  expect(count('modify')).toBe('Modify: 250,000');
  expect(count('error')).toBe('Error: 1,000');
  expect(count('unchanged')).toBe('Unchanged: 7');
});
