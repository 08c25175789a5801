import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { meQueryKey, unwrapAdmin } from './get-me.ts';

export interface LoginInput {
  email: string;
  password: string;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: LoginInput) =>
      unwrapAdmin(await apiRequest<unknown>('/v1/auth/login', { method: 'POST', body: input })),
    onSuccess: async () => {
      // The answer's shape may be partial: read the admin again through /me so the shell has it all.
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
