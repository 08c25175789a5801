import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../lib/api-client.ts';
import { ApiError } from '../../../lib/api-error.ts';
import { setCsrfToken } from '../../../lib/csrf-token.ts';
import { rememberSignedOut } from '../../../lib/signed-out-hint.ts';

async function signOut(): Promise<void> {
  try {
    await apiRequest<unknown>('/v1/auth/logout', { method: 'POST' });
  } catch (error) {
    // 401: the server holds no session for this browser any more, which is what signing out wants.
    if (error instanceof ApiError && error.status === 401) return;
    throw error;
  }
}

/**
 * Signs out. Only a sign-out the server confirmed marks this browser signed out: after a failed one
 * (network down, 403) the session still lives, and skipping GET /v1/auth/me would hide it on a
 * shared computer. The admin is told and stays in the app; callers navigate away on success only.
 */
export function useLogout() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSuccess: () => {
      // Before the cache is cleared: the shell still shown must not ask /v1/auth/me for a 401.
      rememberSignedOut();
      setCsrfToken(null);
      queryClient.clear();
    },
    onError: () => {
      notifications.show({
        id: 'sign-out-failed',
        color: 'red',
        message: t('auth.signOutFailed'),
        // Not gone before it is read: the admin must know the session is still open.
        autoClose: false,
      });
    },
  });
}
