// @vitest-environment jsdom
// The wizard's review writes a package's limit the way the language writes numbers, as the customer's
// page does ("20,000 in use"): "Webex Meetings (20,000)" in English, "(20.000)" in Dutch.
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../../i18n/i18n.ts';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { CreateCustomerPage } from './create-customer-page.tsx';

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response('{}', { headers: { 'Content-Type': 'application/json' } })),
  );
});

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

function type(label: RegExp, value: string) {
  fireEvent.change(screen.getByRole('textbox', { name: label }), { target: { value } });
}

describe('create-customer wizard: the review', () => {
  it('writes a limit the way the language writes numbers', async () => {
    await renderPage(<CreateCustomerPage />, {
      path: '/partner/customers/new',
      pattern: '/partner/customers/new',
    });
    type(/^Name/, 'Acme BV');
    type(/External ID/, 'ACME-1');
    type(/Admin email/, 'admin@acme.nl');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    type(/Address line 1/, 'Damrak 1');
    type(/City/, 'Amsterdam');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Webex Meetings' }));
    type(/^Limit for Webex Meetings/, '20000');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Next' }));
    await screen.findByRole('button', { name: 'Create customer' });
    expect(screen.getByText(/Webex Meetings \(20,000\)/)).toBeTruthy();
    await act(async () => {
      await i18n.changeLanguage('nl');
    });
    expect(screen.getByText(/Webex Meetings \(20\.000\)/)).toBeTruthy();
  }, 60_000);
});
