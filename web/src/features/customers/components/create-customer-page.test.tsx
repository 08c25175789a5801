// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../../testing/render-with-providers.tsx';
import { CreateCustomerPage } from './create-customer-page.tsx';

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response('{}', { headers: { 'Content-Type': 'application/json' } })),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function type(label: RegExp, value: string) {
  fireEvent.change(screen.getByRole('textbox', { name: label }), { target: { value } });
}

/** Renders the wizard and fills the organization and address steps (Acme BV, Damrak 1). */
async function toPackagesStep(): Promise<void> {
  await renderPage(<CreateCustomerPage />);
  type(/^Name/, 'Acme BV');
  type(/External ID/, 'ACME-1');
  type(/Admin email/, 'admin@acme.nl');
  fireEvent.click(screen.getByRole('button', { name: 'Next' }));
  type(/Address line 1/, 'Damrak 1');
  type(/City/, 'Amsterdam');
  fireEvent.click(screen.getByRole('button', { name: 'Next' }));
}

describe('create-customer wizard', () => {
  it('stays on a step until its fields are valid', async () => {
    await renderPage(<CreateCustomerPage />);
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect((await screen.findAllByText('This field is required')).length).toBe(2);
    expect(screen.getByText('Enter a valid email address')).toBeTruthy();
    type(/^Name/, '100% Acme');
    type(/External ID/, 'ACME-1');
    type(/Admin email/, 'admin@acme.nl');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('The name may not contain %')).toBeTruthy();
    type(/^Name/, 'Acme BV');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('textbox', { name: /Address line 1/ })).toBeTruthy();
  });

  it('asks for the first location only when a calling package is sold', async () => {
    await toPackagesStep();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Choose at least one package')).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Webex Meetings' }));
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText(/No calling package is sold/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Webex Calling' }));
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('textbox', { name: /Location name/ })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect((await screen.findAllByText('This field is required')).length).toBeGreaterThanOrEqual(3);
  });

  it('chooses the country from a list and follows it with the time zone', async () => {
    await renderPage(<CreateCustomerPage />);
    type(/^Name/, 'Acme BV');
    type(/External ID/, 'ACME-1');
    type(/Admin email/, 'admin@acme.nl');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    type(/Address line 1/, 'Rue Neuve 1');
    type(/City/, 'Brussel');
    const country = screen.getByRole('combobox', { name: /Country/ }) as HTMLInputElement;
    expect(country.value).toBe('Netherlands (NL)');
    fireEvent.change(country, { target: { value: 'Belg' } });
    await vi.waitFor(() => expect(document.querySelector('[role=option]')).toBeTruthy());
    const belgium = [...document.querySelectorAll<HTMLElement>('[role=option]')].find(
      (option) => option.textContent === 'Belgium (BE)',
    );
    fireEvent.click(belgium!);
    expect(country.value).toBe('Belgium (BE)');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Webex Calling' }));
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    const timeZone = (await screen.findByRole('combobox', { name: /Time zone/ })) as HTMLInputElement;
    expect(timeZone.value).toBe('Europe/Brussels');
  });

  it('keeps a negative limit as typed and names the limit and the reason', async () => {
    await toPackagesStep();
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Webex Calling' }));
    const limit = screen.getByRole('textbox', { name: 'Limit for Webex Calling' }) as HTMLInputElement;
    fireEvent.change(limit, { target: { value: '-5' } });
    fireEvent.blur(limit);
    expect(limit.value).toBe('-5');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(
      await screen.findByText(
        'Limit for Webex Calling: enter a whole number of 0 or more, or leave it empty for no limit.',
      ),
    ).toBeTruthy();
    expect(limit.value).toBe('-5');
    expect(screen.queryByRole('textbox', { name: /Location name/ })).toBeNull();
  });

  it('sends the admin back to the step of an External ID the server refused, and marks it', async () => {
    await toPackagesStep();
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Webex Meetings' }));
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Next' }));
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        const body = {
          message: 'A customer with external ID "ACME-1" already exists.',
          errors: [
            {
              code: 'external_id_taken',
              field: 'externalId',
              description: 'externalId is already used by another customer of this partner.',
            },
          ],
          trackingId: 'trk-9',
        };
        return new Response(JSON.stringify(body), {
          status: 409,
          headers: { 'Content-Type': 'application/json' },
        });
      }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Create customer' }));
    const externalId = await screen.findByRole('textbox', { name: /External ID/ });
    expect((externalId as HTMLInputElement).value).toBe('ACME-1');
    expect(externalId.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('externalId is already used by another customer of this partner.')).toBeTruthy();
  });
});
