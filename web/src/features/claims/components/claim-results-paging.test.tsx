// @vitest-environment jsdom
// SPEC §5: any number of accounts can be claimed from a CSV file. The results of thousands of
// accounts are read as a partner admin reads a big list: the counts first, a filter to the accounts
// not claimed (or claimed with a warning), and a page of rows at a time, so the page never holds
// thousands of rows.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import type { ClaimResult, ClaimedAccount } from '../api/claims.ts';
import { ClaimResults } from './claim-results.tsx';

afterEach(async () => {
  cleanup();
  await i18n.changeLanguage('en');
});

/** Account n (1-based): every 10th not claimed, every 25th claimed with a warning. */
function account(n: number): ClaimedAccount {
  const email = `user${n}@acme.nl`;
  if (n % 10 === 0)
    return { email, result: 'failed', errors: [{ code: 'x', description: 'Not a free account.' }] };
  return {
    email,
    result: 'claimed',
    warnings: n % 25 === 0 ? [{ code: 'something_new', description: 'Check this user.' }] : [],
  };
}

function resultOf(count: number): ClaimResult {
  const results = Array.from({ length: count }, (_, index) => account(index + 1));
  const failed = results.filter((entry) => entry.result === 'failed').length;
  return { counts: { claimed: count - failed, failed }, results };
}

async function show(result: ClaimResult) {
  await renderPage(<ClaimResults result={result} claimedPackage={null} testIdPrefix="claim-csv" />);
  return { table: screen.getByTestId('claim-csv-results') };
}

function emailsIn(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole('row')
    .map((row) => row.querySelector('td')?.textContent ?? '');
}

describe('claim results of a big file', () => {
  it('say the counts, then show one page of 100 of 1,000 accounts', async () => {
    const { table } = await show(resultOf(1000));
    expect(screen.getByTestId('claim-csv-counts').textContent).toBe(
      '900 accounts claimed, 100 not claimed. 20 users have a warning: see below.',
    );
    expect(emailsIn(table)).toHaveLength(100);
    expect(emailsIn(table)[0]).toBe('user1@acme.nl');
    expect(emailsIn(table)[99]).toBe('user100@acme.nl');
    expect(screen.getByTestId('claim-csv-range').textContent).toBe('Accounts 1–100 of 1,000');
    expect(within(screen.getByRole('navigation', { name: 'Pages' })).getByText('Page 1 of 10')).toBeTruthy();
    // The table keeps its name, and says which accounts it shows.
    expect(screen.getByRole('table', { name: 'Claim results' })).toBe(table);
  });

  it('shows only the accounts not claimed, with their count, when the admin filters', async () => {
    const { table } = await show(resultOf(1000));
    const filter = screen.getByRole('radiogroup', { name: 'Accounts to show' });
    expect(within(filter).getByRole('radio', { name: 'All (1,000)' })).toBeTruthy();
    expect(within(filter).getByRole('radio', { name: 'With warnings (20)' })).toBeTruthy();
    fireEvent.click(within(filter).getByRole('radio', { name: 'Not claimed (100)' }));
    const emails = emailsIn(table);
    expect(emails).toHaveLength(100);
    expect(emails.every((email) => Number(/\d+/.exec(email)?.[0]) % 10 === 0)).toBe(true);
    for (const line of table.querySelectorAll('[data-testid^="claim-line-"]'))
      expect(line.textContent).toBe('Not claimed: Not a free account.');
    // Each line keeps the number of its account in the whole result.
    expect(table.querySelector('[data-testid="claim-line-1000"]')?.textContent).toBe(
      'Not claimed: Not a free account.',
    );
    expect(screen.getByTestId('claim-csv-range').textContent).toBe('Accounts 1–100 of 100');
    expect(screen.getByText('Page 1 of 1')).toBeTruthy();

    fireEvent.click(within(filter).getByRole('radio', { name: 'With warnings (20)' }));
    expect(emailsIn(table)).toHaveLength(20);
    expect(emailsIn(table)[0]).toBe('user25@acme.nl');
  });

  it('reaches the last account by paging, and keeps the focus in the results at the end', async () => {
    const { table } = await show(resultOf(1000));
    const next = () => screen.getByRole('button', { name: 'Next' });
    for (let page = 2; page <= 10; page += 1) {
      next().focus();
      fireEvent.click(next());
      expect(screen.getByText(`Page ${page} of 10`)).toBeTruthy();
      expect(emailsIn(table)).toHaveLength(100);
    }
    expect(emailsIn(table).at(-1)).toBe('user1000@acme.nl');
    expect(screen.getByTestId('claim-csv-range').textContent).toBe('Accounts 901–1,000 of 1,000');
    expect((next() as HTMLButtonElement).disabled).toBe(true);
    // The pressed button is disabled now: the focus goes to the rows it brought, not to nowhere.
    expect(document.activeElement).toBe(table);

    // A filter starts from its first page.
    fireEvent.click(screen.getByRole('radio', { name: 'Not claimed (100)' }));
    expect(screen.getByText('Page 1 of 1')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: 'All (1,000)' }));
    expect(screen.getByText('Page 1 of 10')).toBeTruthy();
    expect(emailsIn(table)[0]).toBe('user1@acme.nl');
  });

  it('starts a new claim’s results on the first page of all accounts', async () => {
    /** The page shows the answer of the latest claim in the same place. */
    function ClaimedTwice() {
      const [result, setResult] = useState(() => resultOf(1000));
      return (
        <>
          <button type="button" onClick={() => setResult(resultOf(300))}>
            Claim again
          </button>
          <ClaimResults result={result} claimedPackage={null} testIdPrefix="claim-csv" />
        </>
      );
    }
    await renderPage(<ClaimedTwice />);
    fireEvent.click(screen.getByRole('radio', { name: 'Not claimed (100)' }));
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    fireEvent.click(screen.getByRole('button', { name: 'Claim again' }));
    expect(screen.getByRole('radio', { name: 'All (300)' })).toHaveProperty('checked', true);
    expect(screen.getByText('Page 1 of 3')).toBeTruthy();
  });

  it('says all of it in Dutch, numbers written the Dutch way', async () => {
    const { table } = await show(resultOf(1000));
    await act(() => i18n.changeLanguage('nl'));
    const filter = screen.getByRole('radiogroup', { name: 'Accounts om te tonen' });
    expect(within(filter).getByRole('radio', { name: 'Alle (1.000)' })).toBeTruthy();
    expect(within(filter).getByRole('radio', { name: 'Met waarschuwing (20)' })).toBeTruthy();
    fireEvent.click(within(filter).getByRole('radio', { name: 'Niet geclaimd (100)' }));
    expect(emailsIn(table)).toHaveLength(100);
    expect(screen.getByTestId('claim-csv-range').textContent).toBe('Accounts 1–100 van 100');
    fireEvent.click(within(filter).getByRole('radio', { name: 'Alle (1.000)' }));
    expect(screen.getByText('Pagina 1 van 10')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Volgende' })).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Resultaat van het claimen' })).toBe(table);
  });
  it('offers no filter that would show nothing: with no warnings, “With warnings (0)” is disabled', async () => {
    const results = Array.from({ length: 150 }, (_, index) => ({
      email: `user${index + 1}@acme.nl`,
      result: index === 149 ? ('failed' as const) : ('claimed' as const),
      errors: index === 149 ? [{ code: 'x', description: 'Not a free account.' }] : [],
      warnings: [],
    }));
    const { table } = await show({ counts: { claimed: 149, failed: 1 }, results });
    expect(screen.getByRole('radio', { name: 'With warnings (0)' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('radio', { name: 'Not claimed (1)' }));
    expect(emailsIn(table)).toEqual(['user150@acme.nl']);
    expect(screen.getByTestId('claim-csv-range').textContent).toBe('Account 1 of 1');
  });
});

describe('claim results of a few accounts', () => {
  it('look as before: every row, no filter, no pages', async () => {
    const { table } = await show(resultOf(100));
    expect(emailsIn(table)).toHaveLength(100);
    expect(screen.queryByRole('radiogroup')).toBeNull();
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.queryByTestId('claim-csv-range')).toBeNull();
  });
});
