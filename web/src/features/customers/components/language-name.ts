/**
 * A customer's language tag as the API stores it (`nl`, `nl_NL`, `en_US`) named in the UI
 * language by the browser ("Dutch (Netherlands)", "Nederlands (Nederland)"); the tag itself when
 * the browser cannot name it.
 */
export function languageName(tag: string, uiLanguage: string): string {
  try {
    const names = new Intl.DisplayNames([uiLanguage], { type: 'language', fallback: 'none' });
    return names.of(tag.replace('_', '-')) ?? tag;
  } catch {
    return tag;
  }
}
