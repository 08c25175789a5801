import { useState } from 'react';

/**
 * The rows to draw: the rows of the page asked for once they have come (`arrived`), else the rows
 * drawn last (the page before, dimmed while the next one loads), else none (the skeleton stays).
 * A page passed on the way to the one asked for (page 4 on the way to `?page=8`) is never drawn:
 * it would cost a whole table render only to be replaced at once.
 */
export function usePageOnScreen<T>(items: T[], arrived: boolean): T[] | null {
  const [drawn, setDrawn] = useState<T[] | null>(null);
  // Remembered during render (React's "state from the previous render" pattern), not in an effect:
  // the rows drawn and the rows remembered are always the same ones.
  if (arrived && items !== drawn) setDrawn(items);
  return arrived ? items : drawn;
}
