/**
 * Whether this browser is known to be signed out (it signed out here, or the server said 401), so
 * the shell need not ask GET /v1/auth/me only to hear 401: browsers log every failed request in
 * the console, and a visitor who just signed out saw an error there. The session cookie itself is
 * httpOnly and cannot be read. Set only by a confirmed sign-out or a 401 (a failed sign-out keeps
 * the admin signed in), cleared by every sign-in; localStorage, so all tabs share it.
 */
const storageKey = 'wholesale-hub.signed-out';

export function knownSignedOut(): boolean {
  try {
    return window.localStorage.getItem(storageKey) === '1';
  } catch {
    return false;
  }
}

export function rememberSignedOut(): void {
  try {
    window.localStorage.setItem(storageKey, '1');
  } catch {
    // Storage refused (private mode, quota): the next visit asks the server, as before.
  }
}

export function forgetSignedOut(): void {
  try {
    window.localStorage.removeItem(storageKey);
  } catch {
    // As above: nothing to forget.
  }
}
