import type { QueryClient } from '@tanstack/react-query';
import i18n from '../i18n/i18n.ts';

/** The language the API is asked to answer in: what the api client sends as Accept-Language. */
function requestLanguage(language: string | undefined): 'nl' | 'en' {
  return language?.startsWith('nl') ? 'nl' : 'en';
}

/**
 * The server words some texts in the request's language (a customer's provisioning errors, an
 * import's row messages, warnings), and a cached answer keeps the language it was fetched in. So a
 * switch of language invalidates every query: those on screen refetch at once and keep showing
 * their old answer until the new one arrives (no empty screen), the others refetch when next used.
 * Answers the unsubscribe.
 */
export function refetchOnLanguageChange(queryClient: QueryClient): () => void {
  let fetchedIn = requestLanguage(i18n.language);
  const onLanguageChanged = (language: string) => {
    const next = requestLanguage(language);
    // nl → nl-BE, or a repeated choice, asks the server the same: nothing to refetch.
    if (next === fetchedIn) return;
    fetchedIn = next;
    void queryClient.invalidateQueries();
  };
  i18n.on('languageChanged', onLanguageChanged);
  return () => i18n.off('languageChanged', onLanguageChanged);
}
