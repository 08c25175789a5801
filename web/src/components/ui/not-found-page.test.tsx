// @vitest-environment jsdom
// An address the app does not know (a mistyped or outdated link): the screen still has a main
// heading, like every other screen (it takes focus on arrival and names the page to a screen
// reader), and it offers a way on instead of ending there.
import { cleanup, configure, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import i18n from '../../i18n/i18n.ts';
import { renderPage } from '../../testing/render-with-providers.tsx';
import { NotFoundPage } from './not-found-page.tsx';

configure({ asyncUtilTimeout: 10_000 });

afterEach(async () => {
  cleanup();
  await i18n.changeLanguage('en');
});

describe('the page-not-found screen', () => {
  it.each([
    ['en', 'Page not found', 'Go to the start page'],
    ['nl', 'Pagina niet gevonden', 'Naar de startpagina'],
  ])('in %s: names itself in a main heading and links to the start page', async (language, heading, link) => {
    await renderPage(<NotFoundPage />, { path: '/control/c1/nope' });
    await i18n.changeLanguage(language);
    expect((await screen.findByRole('heading', { level: 1, name: heading })).getAttribute('tabindex')).toBe(
      '-1',
    );
    expect(screen.getByRole('link', { name: link }).getAttribute('href')).toBe('/');
  });
});
