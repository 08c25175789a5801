import { useEffect } from 'react';

/** The product's name: the last part of every title, and the whole title between screens. */
export const appTitle = 'Wholesale Hub';

/**
 * "Users · Bakkerij De Vries · Wholesale Hub": the screen first (what a tab, a window list or a
 * screen reader announces shows first), then the customer, then the product. Empty parts are
 * skipped and a part equal to the one before is said once (a customer's own page is its name).
 */
export function documentTitleOf(parts: readonly (string | null | undefined)[]): string {
  const kept: string[] = [];
  for (const part of parts) {
    const text = part?.trim();
    if (text && text !== kept[kept.length - 1]) kept.push(text);
  }
  return [...kept, appTitle].join(' · ');
}

/**
 * WCAG 2.4.2: every screen has its own document title, in the reader's language, updated on
 * navigation. The screen sets it while shown and gives back the product's name when it leaves.
 */
export function useDocumentTitle(parts: readonly (string | null | undefined)[]): void {
  const title = documentTitleOf(parts);
  useEffect(() => {
    document.title = title;
  }, [title]);
  useEffect(
    () => () => {
      document.title = appTitle;
    },
    [],
  );
}
