// @vitest-environment jsdom
// A screen reader must hear what the switch is and the languages it offers, each in its own
// language ("Nederlands" read with Dutch rules), not the letters of "EN" and "NL".
import { cleanup, configure, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import i18n from '../../i18n/i18n.ts';
import { renderPage } from '../../testing/render-with-providers.tsx';
import { LanguageSwitch } from './language-switch.tsx';

configure({ asyncUtilTimeout: 10_000 });

afterEach(async () => {
  cleanup();
  localStorage.clear();
  await i18n.changeLanguage('en');
});

describe('the language switch', () => {
  it('is a group named for what it does, offering each language by its own name in its own language', async () => {
    await renderPage(<LanguageSwitch />);
    const group = screen.getByRole('radiogroup', { name: 'Language of the app' });
    expect(group).toBeTruthy();
    const english = screen.getByRole('radio', { name: 'English' });
    const dutch = screen.getByRole('radio', { name: 'Nederlands' });
    expect((english as HTMLInputElement).checked).toBe(true);
    expect((dutch as HTMLInputElement).checked).toBe(false);
    expect(screen.getByText('Nederlands').closest('[lang]')?.getAttribute('lang')).toBe('nl');
    expect(screen.getByText('English').closest('[lang]')?.getAttribute('lang')).toBe('en');
  });

  it('switches to Dutch, and names itself in Dutch then', async () => {
    await renderPage(<LanguageSwitch />);
    fireEvent.click(screen.getByRole('radio', { name: 'Nederlands' }));
    expect(await screen.findByRole('radiogroup', { name: 'Taal van de app' })).toBeTruthy();
    expect((screen.getByRole('radio', { name: 'Nederlands' }) as HTMLInputElement).checked).toBe(true);
  });
});
