import type { ReactNode } from 'react';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { Center, Loader } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { ErrorAlert } from '../../components/ui/error-alert.tsx';
import { useMe } from '../../features/auth/api/get-me.ts';
import { isApiError } from '../../lib/api-error.ts';
import {
  forgetSignedOut,
  isSessionEnded,
  markSessionEnded,
  signedOutStorageKey,
  subscribeSessionEnded,
} from '../../lib/signed-out-hint.ts';
import { SignInAgainDialog } from './sign-in-again-dialog.tsx';

/**
 * Another tab of this browser signing out or in says so through the shared hint (a `storage`
 * event): this tab asks to sign in again at once, or closes its dialog once the other tab did.
 */
function useOtherTabsSession(): void {
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== signedOutStorageKey) return;
      if (event.newValue === '1') markSessionEnded();
      else if (isSessionEnded()) forgetSignedOut();
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);
}

/**
 * Once signed in again (here or in another tab), what failed with the 401 loads again. Another
 * account signing in starts afresh: the screen was someone else's.
 */
function useResumeAfterSignIn(sessionEnded: boolean, adminId: string | undefined): void {
  const queryClient = useQueryClient();
  const endedFor = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (sessionEnded) {
      endedFor.current ??= adminId;
      return;
    }
    if (endedFor.current === undefined) return;
    if (adminId !== undefined && adminId !== endedFor.current) {
      window.location.assign('/');
      return;
    }
    endedFor.current = undefined;
    void queryClient.invalidateQueries();
  }, [sessionEnded, adminId, queryClient]);
}

/**
 * Signed-out visitors go to the sign-in page and come back to where they were afterwards. A session
 * that ends later (any request answered 401) keeps the screen and asks to sign in over it, so a
 * half-filled form survives.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const sessionEnded = useSyncExternalStore(subscribeSessionEnded, isSessionEnded, () => false);
  useOtherTabsSession();
  useResumeAfterSignIn(sessionEnded, me.data?.id);
  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  // Without an admin yet (a later failure keeps the one loaded: the dialog below handles that).
  if (me.data === undefined) {
    if (isApiError(me.error) && me.error.status === 401) {
      const next = encodeURIComponent(location.pathname + location.search);
      return <Navigate to={`/login?next=${next}`} replace />;
    }
    return (
      <Center h="100vh" p="md">
        <ErrorAlert error={me.error} action="load" onRetry={() => void me.refetch()} />
      </Center>
    );
  }
  return (
    <>
      {children}
      {sessionEnded ? <SignInAgainDialog email={me.data.email} /> : null}
    </>
  );
}
