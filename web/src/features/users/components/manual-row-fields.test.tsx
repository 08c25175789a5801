// @vitest-environment jsdom
import { useState } from 'react';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import type { SoldPackage } from '../api/sold-packages.ts';
import { ManualRowFields } from './manual-row-fields.tsx';
import type { ManualRow } from './manual-rows-rules.ts';
import { emptyRow, toNewUsers } from './manual-rows-rules.ts';
import { packageChoices } from './package-choices.ts';

afterEach(cleanup);

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
