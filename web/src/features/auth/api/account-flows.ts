import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';

/** Invite acceptance and password reset both end in "set a password with the token from the email". */
export interface SetPasswordInput {
  token: string;
  password: string;
}

export interface SignUpInput {
  email: string;
  firstName: string;
  lastName: string;
  password: string;
}

export function useAcceptInvite() {
  return useMutation({
    mutationFn: (input: SetPasswordInput) =>
      apiRequest<unknown>('/v1/auth/invites/accept', { method: 'POST', body: input }),
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (email: string) =>
      apiRequest<unknown>('/v1/auth/password-reset', { method: 'POST', body: { email } }),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: (input: SetPasswordInput) =>
      apiRequest<unknown>('/v1/auth/password-reset/confirm', { method: 'POST', body: input }),
  });
}

export function useSignUp() {
  return useMutation({
    mutationFn: (input: SignUpInput) =>
      apiRequest<unknown>('/v1/auth/signup', { method: 'POST', body: input }),
  });
}
