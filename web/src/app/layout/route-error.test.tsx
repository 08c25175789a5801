// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { cleanup, render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n from '../../i18n/i18n.ts';
import { polyfillBrowser } from '../../testing/render-with-providers.tsx';
import { theme } from '../theme.ts';
import { RouteError } from './route-error.tsx';

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  await i18n.changeLanguage('en');
});

function Broken(): never {
  throw new Error('Failed to fetch dynamically imported module');
}

async function showRouteError(language: string, serverUp: boolean) {
  polyfillBrowser();
  await i18n.changeLanguage(language);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => {
      if (!serverUp) throw new TypeError('Failed to fetch');
      return new Response('', { status: 200 });
    }),
  );
  const router = createMemoryRouter(
    [{ path: '/', element: <Broken />, errorElement: <RouteError standalone /> }],
    { initialEntries: ['/'] },
  );
  render(
    <MantineProvider theme={theme}>
      <RouterProvider router={router} />
    </MantineProvider>,
  );
}

describe('a screen that could not be loaded', () => {
  it.each([
    ['en', 'The server cannot be reached', 'did not answer'],
    ['nl', 'De server is niet bereikbaar', 'niet antwoordde'],
  ])(
    'online but the server is down (%s): says so, not that the app was updated',
    async (language, title, text) => {
      await showRouteError(language, false);
      expect(await screen.findByRole('heading', { name: title })).toBeTruthy();
      expect(document.body.textContent).toContain(text);
      expect(document.body.textContent).not.toMatch(/updated|bijgewerkt/);
    },
  );

  it.each([
    ['en', 'This screen could not be loaded', 'may have been updated'],
    ['nl', 'Dit scherm kon niet worden geladen', 'mogelijk bijgewerkt'],
  ])('the server answers (%s): the app may have been updated', async (language, title, text) => {
    await showRouteError(language, true);
    expect(await screen.findByRole('heading', { name: title })).toBeTruthy();
    expect(await screen.findByText(new RegExp(text))).toBeTruthy();
  });
});
