import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { setCsrfToken } from '../../../lib/csrf-token.ts';
import { rememberSignedOut } from '../../../lib/signed-out-hint.ts';

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<unknown>('/v1/auth/logout', { method: 'POST' }),
    onSettled: () => {
      // Before the cache is cleared: the shell still shown must not ask /v1/auth/me for a 401.
      rememberSignedOut();
      setCsrfToken(null);
      queryClient.clear();
    },
  });
}
