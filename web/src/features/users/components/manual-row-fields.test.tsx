// @vitest-environment jsdom
import { useState } from 'react';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { act } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import type { ProvisioningError } from '../api/user-types.ts';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import type { SoldPackage } from '../api/sold-packages.ts';
import { ManualRowFields } from './manual-row-fields.tsx';
import type { ManualRow } from './manual-rows-rules.ts';
import { emptyRow, toNewUsers } from './manual-rows-rules.ts';
import { packageChoices } from './package-choices.ts';

afterEach(async () => {
  cleanup();
  await i18n.changeLanguage('en');
});

const sold = (extras: SoldPackage[] = []): SoldPackage[] => [
  { id: 'webex_voice', limit: null, used: 0 },
  { id: 'webex_calling', limit: null, used: 0 },
  ...extras,
];

let latest: ManualRow = emptyRow();

function Harness({ packages, start }: { packages: SoldPackage[]; start: Partial<ManualRow> }) {
  const [row, setRow] = useState<ManualRow>({ ...emptyRow(), ...start });
  latest = row;
  return (
    <ManualRowFields
      row={row}
      index={0}
      errors={{}}
      locations={[{ id: 'loc1', name: 'Amsterdam HQ' }]}
      packages={packageChoices(packages)}
      onChange={(change) => setRow((current) => ({ ...current, ...change }))}
    />
  );
}

const addOn = () => screen.queryByRole('checkbox', { name: /Attendant Console/ }) as HTMLInputElement | null;

describe('manual add row: the Attendant Console add-on (SPEC §3)', () => {
  it('is offered next to Webex Calling when the customer was sold it, and sent as attendantConsole', async () => {
    await renderPage(
      <Harness
        packages={sold([{ id: 'attendant_console', limit: null, used: 0 }])}
        start={{ package: 'webex_calling', locationId: 'loc1', extension: '1234' }}
      />,
    );
    fireEvent.click(addOn() as HTMLInputElement);
    expect(latest.attendantConsole).toBe(true);
    expect(toNewUsers([latest])[0]).toMatchObject({ package: 'webex_calling', attendantConsole: true });
  });

  it('is not offered next to Webex Voice', async () => {
    await renderPage(
      <Harness
        packages={sold([{ id: 'attendant_console', limit: null, used: 0 }])}
        start={{ package: 'webex_voice' }}
      />,
    );
    expect(addOn()).toBeNull();
  });

  it('is not offered when the customer was not sold it', async () => {
    await renderPage(<Harness packages={sold()} start={{ package: 'webex_calling' }} />);
    expect(addOn()).toBeNull();
  });

  it('is disabled with the numbers when its limit is used up', async () => {
    await renderPage(
      <Harness
        packages={sold([{ id: 'attendant_console', limit: 1, used: 1 }])}
        start={{ package: 'webex_calling' }}
      />,
    );
    expect(addOn()?.disabled).toBe(true);
    expect(screen.getByText(/limit is reached \(1 of 1 in use\)/)).toBeTruthy();
  });

  it('is not sent once the package changed to one that does not allow it', () => {
    const row: ManualRow = { ...emptyRow(), package: 'webex_voice', attendantConsole: true };
    expect(toNewUsers([row])[0]).not.toHaveProperty('attendantConsole');
  });
});

describe('manual add row: why the server did not add it (SPEC §6: the column and the reason)', () => {
  function showRefused(start: Partial<ManualRow>, serverErrors: ProvisioningError[]) {
    return renderPage(
      <ManualRowFields
        row={{ ...emptyRow(), ...start }}
        index={0}
        errors={{}}
        locations={[{ id: 'loc1', name: 'Amsterdam HQ' }]}
        packages={packageChoices(sold())}
        serverErrors={serverErrors}
        onChange={() => undefined}
      />,
    );
  }
  const underInput = (input: HTMLElement, reason: string) => {
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const shown = screen.getByText(reason);
    expect(input.getAttribute('aria-describedby')?.split(' ')).toContain(shown.id);
  };
  const lines = () =>
    [...(screen.queryByTestId('row-error-1')?.querySelectorAll('li') ?? [])].map((line) => line.textContent);

  it('puts each refusal under the input of its field, and names the column of the others', async () => {
    await showRefused({ package: 'webex_calling', locationId: 'loc1', extension: '1234' }, [
      { code: 'extension_taken', field: 'extension', description: 'Extension 1234 is already used.' },
      { code: 'unknown_location', field: 'location', description: 'No such location.' },
      { code: 'email_taken', field: 'email', description: 'The email is in use.' },
      { code: 'not_sold', field: 'attendantConsole', description: 'Not sold to this customer.' },
      { code: 'sold_out', description: 'No licences left.' },
    ]);
    underInput(screen.getByRole('textbox', { name: 'Extension' }), 'Extension 1234 is already used.');
    underInput(screen.getByRole('textbox', { name: /Email address/ }), 'The email is in use.');
    underInput(screen.getByRole('combobox', { name: /Location/ }), 'No such location.');
    // No add-on offered (not sold): its refusal is a line with its column.
    expect(lines()).toEqual([
      'Not added, Attendant Console: Not sold to this customer.',
      'Not added: No licences left.',
    ]);
    await act(async () => {
      await i18n.changeLanguage('nl');
    });
    expect(lines()).toEqual([
      'Niet toegevoegd, Attendant Console: Not sold to this customer.',
      'Niet toegevoegd: No licences left.',
    ]);
  });

  it('names the column of a field whose input the row does not show', async () => {
    await showRefused({ package: 'webex_voice' }, [
      { code: 'extension_taken', field: 'extension', description: 'Extension 1234 is already used.' },
    ]);
    expect(screen.queryByRole('textbox', { name: 'Extension' })).toBeNull();
    expect(lines()).toEqual(['Not added, Extension: Extension 1234 is already used.']);
  });

  it('shows no reason line when every refusal is under its input', async () => {
    await showRefused({ package: 'webex_voice' }, [
      { code: 'too_long', field: 'firstName', description: 'The first name is too long.' },
    ]);
    underInput(screen.getByRole('textbox', { name: /First name/ }), 'The first name is too long.');
    expect(screen.queryByTestId('row-error-1')).toBeNull();
  });
});
