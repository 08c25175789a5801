/**
 * Whether this browser is known to be signed out (it signed out here, or the server said 401), so
 * the shell need not ask GET /v1/auth/me only to hear 401: browsers log every failed request in
 * the console, and a visitor who just signed out saw an error there. The session cookie itself is
 * httpOnly and cannot be read. Set only by a confirmed sign-out or a 401 (a failed sign-out keeps
 * the admin signed in), cleared by every sign-in; localStorage, so all tabs share it.
 */
export const signedOutStorageKey = 'wholesale-hub.signed-out';

export function knownSignedOut(): boolean {
  try {
    return window.localStorage.getItem(signedOutStorageKey) === '1';
  } catch {
    return false;
  }
}

export function rememberSignedOut(): void {
  try {
    window.localStorage.setItem(signedOutStorageKey, '1');
  } catch {
    // Storage refused (private mode, quota): the next visit asks the server, as before.
  }
}

export function forgetSignedOut(): void {
  if (sessionEnded) {
    sessionEnded = false;
    notifySession();
  }
  try {
    window.localStorage.removeItem(signedOutStorageKey);
  } catch {
    // As above: nothing to forget.
  }
}

/**
 * The session ended while the admin was working (signed out in another tab, expired): any request
 * answered 401 says so. Kept in memory, apart from the hint above, because the shell answers it
 * with a sign-in dialog over the screen rather than leaving it: what the admin typed stays.
 */
let sessionEnded = false;
const sessionListeners = new Set<() => void>();

function notifySession(): void {
  for (const listener of [...sessionListeners]) listener();
}

export function markSessionEnded(): void {
  rememberSignedOut();
  if (sessionEnded) return;
  sessionEnded = true;
  notifySession();
}

export function isSessionEnded(): boolean {
  return sessionEnded;
}

export function subscribeSessionEnded(listener: () => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}
