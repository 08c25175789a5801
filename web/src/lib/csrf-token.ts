// The session carries a CSRF token (sessions.csrf_token); the server hands it out at sign-in and on
// /v1/auth/me, and every state-changing request echoes it in a header.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
}

export function getCsrfToken(): string | null {
  return csrfToken;
}
