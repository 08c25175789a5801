// @vitest-environment jsdom
// <html lang> tells a screen reader which language to speak: it must follow the app's language,
// from the first detection on and after every switch.
import { afterAll, describe, expect, it } from 'vitest';

describe('the document language', () => {
  afterAll(() => localStorage.clear());

  it('is the detected language from the start, not the "en" of index.html', async () => {
    localStorage.setItem('hub.languageChoice', 'nl');
    document.documentElement.lang = 'en';
    const { default: i18n } = await import('./i18n.ts');
    expect(i18n.resolvedLanguage).toBe('nl');
    expect(document.documentElement.lang).toBe('nl');
  });

  it.each([
    ['en', 'en'],
    ['nl', 'nl'],
    ['nl-BE', 'nl'],
  ])('follows a switch to %s', async (chosen, lang) => {
    const { default: i18n } = await import('./i18n.ts');
    await i18n.changeLanguage(chosen);
    expect(document.documentElement.lang).toBe(lang);
  });
});
