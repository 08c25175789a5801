// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { act, cleanup, configure, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { theme } from '../../app/theme.ts';
import { polyfillBrowser } from '../../testing/render-with-providers.tsx';
import { showSaved } from './form-dialog.tsx';

// Mantine's first render in jsdom is slow on a busy machine: wait for screens longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

afterEach(cleanup);

describe('the "Saved" toast', () => {
  it('is a polite status, not an alert that interrupts the screen reader', async () => {
    polyfillBrowser();
    render(
      <MantineProvider theme={theme}>
        <Notifications />
      </MantineProvider>,
    );
    act(() => showSaved('User saved', 'Anna Manual was saved.'));
    const toast = await screen.findByText('User saved');
    expect(toast.closest('[role]')?.getAttribute('role')).toBe('status');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
