// @vitest-environment jsdom
// The server words some texts in the request's language (Accept-Language). A switch of language
// must refetch what is cached, or those texts stay in the old language until the next refetch.
import { useQuery } from '@tanstack/react-query';
import { act, cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LanguageSwitch } from '../components/ui/language-switch.tsx';
import i18n from '../i18n/i18n.ts';
import { apiRequest } from '../lib/api-client.ts';
import { polyfillBrowser } from '../testing/render-with-providers.tsx';
import { AppProviders } from './providers.tsx';

// Mantine's first render in jsdom is slow on a busy machine: wait for screens longer than 1 s.
configure({ asyncUtilTimeout: 10_000 });

const description = {
  en: 'The phone number is already in use.',
  nl: 'Het telefoonnummer is al in gebruik.',
};

function ProvisioningError() {
  const error = useQuery({
    queryKey: ['customers', 'c1', 'provisioning-error'],
    queryFn: () => apiRequest<{ description: string }>('/v1/customers/c1/provisioning-error'),
  });
  return <p data-testid="description">{error.data?.description ?? 'Loading'}</p>;
}

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  await i18n.changeLanguage('en');
});

describe('a switch of language', () => {
  it("refetches the server's texts in the new language, keeping the old ones on screen meanwhile", async () => {
    polyfillBrowser();
    await i18n.changeLanguage('en');
    // The Dutch answer waits until the test lets it through, to see what shows in between.
    const askedIn: string[] = [];
    let answerDutch = (): void => undefined;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) => {
        const language = new Headers(init?.headers).get('Accept-Language') === 'nl' ? 'nl' : 'en';
        askedIn.push(language);
        if (language === 'nl') await new Promise<void>((answer) => (answerDutch = answer));
        return new Response(JSON.stringify({ description: description[language] }), {
          headers: { 'Content-Type': 'application/json' },
        });
      }),
    );
    render(
      <AppProviders>
        <LanguageSwitch />
        <ProvisioningError />
      </AppProviders>,
    );
    expect(await screen.findByText(description.en)).toBeTruthy();

    fireEvent.click(screen.getByText('NL', { exact: true }));
    await waitFor(() => expect(askedIn).toEqual(['en', 'nl']));
    expect(screen.getByTestId('description').textContent).toBe(description.en);

    act(() => answerDutch());
    expect(await screen.findByText(description.nl)).toBeTruthy();
  });
});
