import { useCallback, useSyncExternalStore } from 'react';
import { Alert } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { Query } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

/**
 * A screen's load that TanStack Query paused because the browser is offline (`fetchStatus`
 * 'paused'), with nothing to show yet: its skeleton would stay without a word. Only queries a
 * mounted screen reads count; a screen that already has its data shows that instead.
 */
function isWaitingOffline(query: Query): boolean {
  return (
    query.state.fetchStatus === 'paused' && query.state.data === undefined && query.getObserversCount() > 0
  );
}

/** Whether a screen on show waits for the connection to load. */
export function useWaitingOffline(): boolean {
  const queryCache = useQueryClient().getQueryCache();
  const subscribe = useCallback((changed: () => void) => queryCache.subscribe(changed), [queryCache]);
  return useSyncExternalStore(subscribe, () => queryCache.getAll().some(isWaitingOffline));
}

/**
 * Said once for every screen (the shell shows it above the screen, over its skeleton): offline,
 * and the screen loads by itself when the connection is back (TanStack Query resumes paused loads).
 */
export function OfflinePausedNotice() {
  const { t } = useTranslation();
  const waiting = useWaitingOffline();
  return (
    // A live region that stays in the page, so the notice is read when it appears (a region added
    // with its text often is not); no role, so the screens' own loading status stays the only one.
    <div aria-live="polite" data-testid="offline-live-region">
      {waiting ? (
        <Alert
          role="note"
          color="yellow"
          mb="md"
          title={t('common.offlineTitle')}
          data-testid="offline-paused"
        >
          {t('common.offlineWaitingText')}
        </Alert>
      ) : null}
    </div>
  );
}
