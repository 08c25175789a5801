// @vitest-environment jsdom
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { AuditPage } from './audit-page.tsx';

// Mantine's first render in jsdom is slow on a busy machine: wait for screens longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

const urls: string[] = [];
let events: unknown[] = [];

beforeEach(() => {
  urls.length = 0;
  events = [
    {
      id: 7,
      occurredAt: '2026-03-01T10:00:00.000Z',
      actor: { type: 'admin', id: 'a1', label: 'owner@example.com' },
      action: 'user.update',
      target: { type: 'user', id: 'u1' },
      before: { displayName: 'Ann', locale: 'nl' },
      after: { displayName: 'Anna', locale: 'nl' },
      requestId: null,
      jobId: null,
    },
  ];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      urls.push(url);
      return new Response(JSON.stringify({ items: events }), {
        headers: { 'Content-Type': 'application/json' },
      });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const show = () =>
  renderPage(<AuditPage />, { path: '/control/c1/audit', pattern: '/control/:customerId/audit' });

describe('audit log', () => {
  it('lists who did what, with only the fields that changed', async () => {
    await show();
    const table = await screen.findByRole('table', { name: 'Audit log' });
    expect(within(table).getByText('owner@example.com')).toBeTruthy();
    expect(within(table).getByText('user.update')).toBeTruthy();
    expect(within(table).getByText('displayName: "Ann" → "Anna"')).toBeTruthy();
    expect(within(table).queryByText(/locale/)).toBeNull();
  });

  it('asks the server for the typed action only', async () => {
    await show();
    await screen.findByRole('table', { name: 'Audit log' });
    fireEvent.change(screen.getByRole('textbox', { name: 'Filter by action' }), {
      target: { value: 'user.' },
    });
    await waitFor(() => expect(urls.some((url) => url.includes('action=user.'))).toBe(true));
    expect(urls.every((url) => url.includes('/v1/customers/c1/audit'))).toBe(true);
  });

  it('says so when there are no events', async () => {
    events = [];
    await show();
    expect(await screen.findByText('No events')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
