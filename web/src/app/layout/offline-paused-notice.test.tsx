// @vitest-environment jsdom
// Offline, a screen whose code is loaded but whose data load is paused (TanStack Query's fetchStatus
// 'paused') says so, once, from the shell, and loads by itself when the connection is back.
import { onlineManager, useQuery } from '@tanstack/react-query';
import { act, cleanup, configure, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../testing/render-with-providers.tsx';
import { stubSignedInPartnerAdmin } from '../../testing/stub-signed-in-admin.ts';
import { AppLayout } from './app-layout.tsx';
import { OfflinePausedNotice } from './offline-paused-notice.tsx';

configure({ asyncUtilTimeout: 10_000 });

beforeEach(() => stubSignedInPartnerAdmin({ name: 'Bakkerij De Vries' }));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  onlineManager.setOnline(true);
});

function Screen({ id }: { id: string }) {
  const customer = useQuery({
    queryKey: ['screen', id],
    queryFn: async () => ((await (await fetch(`/v1/customers/${id}`)).json()) as { name: string }).name,
  });
  return <p>{customer.data ?? 'skeleton'}</p>;
}

describe('a screen waiting for the connection', () => {
  it('says the admin is offline and that it loads when the connection is back, then loads', async () => {
    onlineManager.setOnline(false);
    await renderPage(
      <>
        <OfflinePausedNotice />
        <Screen id="c1" />
      </>,
    );
    const notice = await screen.findByTestId('offline-paused');
    expect(notice.textContent).toContain('You are offline');
    expect(notice.textContent).toContain('This screen loads when the connection is back.');
    // Polite: not an assertive alert that cuts off what the screen reader is saying.
    expect(notice.closest('[aria-live="polite"]')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('skeleton')).toBeTruthy();
    act(() => onlineManager.setOnline(true));
    expect(await screen.findByText('Bakkerij De Vries')).toBeTruthy();
    expect(screen.queryByTestId('offline-paused')).toBeNull();
  });

  it('says nothing online, nor offline for a screen that already has its data', async () => {
    await renderPage(
      <>
        <OfflinePausedNotice />
        <Screen id="c1" />
      </>,
    );
    expect(await screen.findByText('Bakkerij De Vries')).toBeTruthy();
    act(() => onlineManager.setOnline(false));
    expect(screen.queryByTestId('offline-paused')).toBeNull();
  });

  it('is shown by the shell, over whatever screen is loading', async () => {
    onlineManager.setOnline(false);
    await renderPage(<AppLayout />, { path: '/partner/customers', pattern: '/partner/*' });
    expect(await screen.findByTestId('offline-paused')).toBeTruthy();
    act(() => onlineManager.setOnline(true));
    await vi.waitFor(() => expect(screen.queryByTestId('offline-paused')).toBeNull());
  });
});
