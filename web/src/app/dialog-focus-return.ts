import { useEffect } from 'react';

/**
 * Mantine's Modal returns focus to its opener only when it stays mounted while it closes. A dialog
 * that the page mounts only while open (`{open ? <Dialog opened /> : null}`) takes its focus memory
 * with it, and focus falls to <body> after Esc. This app-wide safety net remembers the last focused
 * control outside any dialog and, when a dialog leaves the page with focus on <body>,
 * puts focus back there, provided that control is still on the page.
 */
export function installDialogFocusReturn(doc: Document = document): () => void {
  let lastOutside: HTMLElement | null = null;
  const onFocusIn = (event: FocusEvent) => {
    const target = event.target;
    if (target instanceof HTMLElement && !target.closest('[role="dialog"], [data-portal]'))
      lastOutside = target;
  };
  const removedDialog = (node: Node) =>
    node instanceof Element &&
    (node.matches('[role="dialog"]') || node.querySelector('[role="dialog"]') !== null);
  const observer = new MutationObserver((mutations) => {
    if (!mutations.some((mutation) => [...mutation.removedNodes].some(removedDialog))) return;
    const active = doc.activeElement;
    if ((active === null || active === doc.body) && lastOutside?.isConnected) {
      lastOutside.focus({ preventScroll: true });
    }
  });
  doc.addEventListener('focusin', onFocusIn);
  observer.observe(doc.body, { childList: true, subtree: true });
  return () => {
    doc.removeEventListener('focusin', onFocusIn);
    observer.disconnect();
  };
}

export function useDialogFocusReturn(): void {
  useEffect(() => installDialogFocusReturn(), []);
}
