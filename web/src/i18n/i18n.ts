import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import nl from './locales/nl.json';
import { numberFormatter } from './number-formatter.ts';

export const supportedLanguages = ['en', 'nl'] as const;
export type SupportedLanguage = (typeof supportedLanguages)[number];
/** Where the admin's explicit choice is kept. */
export const languageStorageKey = 'hub.languageChoice';
/**
 * Where versions before 2026-11-27 kept the detector's cache: the language guessed on a first
 * visit, which cannot be told from a choice. Removed at start, so such a browser follows its
 * language again until the admin chooses one.
 */
const guessedLanguageKey = 'hub.language';

try {
  if (typeof localStorage !== 'undefined') localStorage.removeItem(guessedLanguageKey);
} catch {
  // Storage refused (private mode): there is nothing stored to remove either.
}

// <html lang> follows the language, so screen readers pronounce Dutch as Dutch. Registered before
// init: the detector's first choice is a languageChanged event too, fired during init.
i18n.on('languageChanged', (language) => {
  if (typeof document !== 'undefined')
    document.documentElement.lang = language.toLowerCase().startsWith('nl') ? 'nl' : 'en';
});

// Default from the browser (navigator), then the user's explicit choice wins and is kept in
// localStorage. The detector caches nothing itself: it would store the language it detected on a
// first visit as if chosen, and a browser switched to another language later would be ignored.
// The language switch stores the choice (saveLanguageChoice).
void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .use(numberFormatter)
  .init({
    resources: { en: { translation: en }, nl: { translation: nl } },
    supportedLngs: [...supportedLanguages],
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    fallbackLng: 'en',
    // alwaysFormat: every number in a text is written the language's way (number-formatter.ts).
    interpolation: { escapeValue: false, alwaysFormat: true },
    detection: {
      order: ['localStorage', 'navigator', 'htmlTag'],
      lookupLocalStorage: languageStorageKey,
      caches: [],
    },
    returnNull: false,
  });

/** The admin's explicit choice: kept, so it wins over the browser's language from now on. */
export async function saveLanguageChoice(language: SupportedLanguage): Promise<void> {
  try {
    localStorage.setItem(languageStorageKey, language);
  } catch {
    // Storage refused (private mode, quota): the choice holds for this page only.
  }
  await i18n.changeLanguage(language);
}

export function currentLanguage(): SupportedLanguage {
  return i18n.resolvedLanguage === 'nl' ? 'nl' : 'en';
}

export default i18n;
