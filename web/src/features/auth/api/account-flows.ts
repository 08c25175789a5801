import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';

/** Invite acceptance and password reset both end in "set a password with the token from the email". */
export interface SetPasswordInput {
  token: string;
  password: string;
}

/** A free account has no admin password: it is a Webex identity that a customer can claim later. */
export interface SignUpInput {
  email: string;
  firstName: string;
  lastName: string;
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
    mutationFn: (input: SignUpInput) => apiRequest<unknown>('/v1/signup', { method: 'POST', body: input }),
  });
}

export function useVerifySignUp() {
  return useMutation({
    mutationFn: (token: string) =>
      apiRequest<unknown>('/v1/signup/verify', { method: 'POST', body: { token } }),
  });
}
