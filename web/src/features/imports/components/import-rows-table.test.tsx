// @vitest-environment jsdom
import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import type { ImportRow } from '../api/import-types.ts';
import { ImportRowsTable } from './import-rows-table.tsx';

const rows: ImportRow[] = [
  {
    row: 3,
    email: 'carla@devries.example',
    action: 'modify',
    status: 'ok',
    messages: [],
    changes: [
      { field: 'package', before: 'webex_meetings', after: 'cx_essentials' },
      { field: 'jabberCalling', before: false, after: true },
      { field: 'location', before: null, after: 'Amsterdam HQ' },
      { field: 'attendant_console', before: false, after: true },
    ],
  },
  {
    row: 5,
    email: 'bram.with.a.very.long.address@devries.example',
    action: 'error',
    status: 'error',
    messages: ['Row 5, Webex Calling Standard: Webex Suite → Webex Calling Standard is not allowed.'],
    changes: [],
  },
];

/** A screen `phone` wide or not: Mantine's useMediaQuery reads matchMedia. */
function screenIsPhone(phone: boolean) {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: phone && query.includes('max-width'),
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }));
}

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

describe('import rows', () => {
  it('name fields by their column headers and packages by their names, in English', async () => {
    screenIsPhone(false);
    await renderPage(<ImportRowsTable rows={rows} />);
    const table = screen.getByRole('table', { name: 'Rows of the file' });
    expect(within(table).getByText('Package: Webex Meetings → Customer Assist')).toBeTruthy();
    expect(within(table).getByText('Jabber Calling: FALSE → TRUE')).toBeTruthy();
    expect(within(table).getByText('Location: — → Amsterdam HQ')).toBeTruthy();
    expect(within(table).getByText('Attendant Console: FALSE → TRUE')).toBeTruthy();
    expect(within(table).queryByText(/webex_meetings|jabberCalling|location:/)).toBeNull();
  });

  it('and in Dutch, as the Dutch file headers say', async () => {
    screenIsPhone(false);
    await renderPage(<ImportRowsTable rows={rows} />);
    await i18n.changeLanguage('nl');
    const table = await screen.findByRole('table', { name: 'Rijen van het bestand' });
    expect(within(table).getByText('Pakket: Webex Meetings → Klantassistentie')).toBeTruthy();
    expect(within(table).getByText('Jabber Calling: ONWAAR → WAAR')).toBeTruthy();
    expect(within(table).getByText('Locatie: — → Amsterdam HQ')).toBeTruthy();
  });

  it('on a phone, show each row as a card with its number, action and reasons, not a wide table', async () => {
    screenIsPhone(true);
    await renderPage(<ImportRowsTable rows={rows} />);
    await vi.waitFor(() => expect(screen.queryByRole('table')).toBeNull());
    const list = screen.getByRole('list', { name: 'Rows of the file' });
    const cards = within(list)
      .getAllByRole('listitem')
      .filter((item) => item.hasAttribute('data-action'));
    expect(cards.map((card) => card.getAttribute('data-action'))).toEqual(['modify', 'error']);
    const error = cards[1] as HTMLElement;
    expect(within(error).getByText('Row 5')).toBeTruthy();
    expect(within(error).getByText('Error')).toBeTruthy();
    expect(within(error).getByText(/is not allowed/)).toBeTruthy();
  });

  it('writes a row number as the spreadsheet shows it, in either language (Row 12345, not 12,345)', async () => {
    screenIsPhone(true);
    const big: ImportRow[] = [{ row: 12345, email: 'eva@devries.example', action: 'add', status: 'ok' }];
    await renderPage(<ImportRowsTable rows={big} />);
    const list = await screen.findByRole('list', { name: 'Rows of the file' });
    expect(within(list).getByText('Row 12345')).toBeTruthy();
    await act(async () => {
      await i18n.changeLanguage('nl');
    });
    expect(within(list).getByText('Rij 12345')).toBeTruthy();
  });

  it('shows the row number in the Row column as the spreadsheet shows it', async () => {
    screenIsPhone(false);
    const big: ImportRow[] = [{ row: 12345, email: 'eva@devries.example', action: 'add', status: 'ok' }];
    await renderPage(<ImportRowsTable rows={big} />);
    const table = screen.getByRole('table', { name: 'Rows of the file' });
    expect(within(table).getByRole('cell', { name: '12345' })).toBeTruthy();
  });

  it('keeps a warning orange on an error row, as on an OK row', async () => {
    screenIsPhone(false);
    const mixed: ImportRow[] = [
      {
        row: 7,
        email: 'dirk@devries.example',
        action: 'error',
        status: 'error',
        messages: ['Row 7: the extension is missing.', 'Row 7: the site is not the default site.'],
        issues: [
          { severity: 'error', code: 'required' },
          { severity: 'warning', code: 'site_differs' },
        ],
        changes: [],
      },
    ];
    await renderPage(<ImportRowsTable rows={mixed} />);
    const error = screen.getByText('Row 7: the extension is missing.');
    const warning = screen.getByText('Row 7: the site is not the default site.');
    expect(error.getAttribute('data-severity')).toBe('error');
    expect(warning.getAttribute('data-severity')).toBe('warning');
    expect(warning.getAttribute('style')).toContain('orange');
    expect(error.getAttribute('style')).toContain('red');
  });
});
