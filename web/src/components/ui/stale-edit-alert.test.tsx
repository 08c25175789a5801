// @vitest-environment jsdom
// ADR 0092: the one notice every edit form shows on 412 — what happened, Reload, and, when Reload
// itself failed, why, beneath it.
import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { theme } from '../../app/theme.ts';
import '../../i18n/i18n.ts';
import { NetworkError } from '../../lib/api-error.ts';
import { polyfillBrowser } from '../../testing/render-with-providers.tsx';
import { StaleEditAlert } from './stale-edit-alert.tsx';

afterEach(cleanup);

function show(reloadError: unknown, onReload = () => undefined) {
  polyfillBrowser();
  render(
    <MantineProvider theme={theme}>
      <StaleEditAlert record="location" onReload={onReload} reloading={false} reloadError={reloadError} />
    </MantineProvider>,
  );
}

describe('StaleEditAlert', () => {
  it('says the record changed and offers Reload, with no load error before a Reload failed', () => {
    const onReload = vi.fn();
    show(null, onReload);
    expect(screen.getByTestId('stale-edit').textContent).toMatch(/Someone else changed this location/);
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(onReload).toHaveBeenCalledOnce();
  });

  it('shows why Reload failed beneath the notice, which stays so the admin can try again', () => {
    show(new NetworkError(new TypeError('Failed to fetch')));
    const alerts = screen.getAllByRole('alert');
    expect(alerts).toHaveLength(2);
    expect(alerts[0]?.getAttribute('data-testid')).toBe('stale-edit');
    expect(alerts[1]?.textContent).toMatch(/This could not be loaded/);
    expect(screen.getByRole('button', { name: 'Reload' })).toBeTruthy();
  });
});
