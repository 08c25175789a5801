// Links in emails (consent, invites, sign-up verification) and the key that signs consent links.
// The key is derived from the deployment's stored secret, so every node and worker agrees on it
// without configuration; the base URL is set once at start-up from HUB_PUBLIC_URL.
import { createHmac } from 'node:crypto';
import type { Executor } from '../context.ts';

let publicBaseUrl = 'http://localhost:3000';

/**
 * Where links in emails point: HUB_PUBLIC_URL, else the local address. Never an address a request
 * names (its Host): a reset link pointing at a host of the caller's choosing hands over the token.
 */
export function linkBaseOf(config: {
  readonly publicUrl: string | undefined;
  readonly port: number;
}): string {
  return (config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
}

export function configureLinkBase(url: string): void {
  publicBaseUrl = url.replace(/\/+$/, '');
}

export function linkBase(): string {
  return publicBaseUrl;
}

const keys = new Map<string, string>();

/** A purpose-bound key (HMAC of the deployment secret), so one leaked link key signs nothing else. */
export async function signingKey(executor: Executor, purpose: 'consent-link'): Promise<string> {
  const cached = keys.get(purpose);
  if (cached) return cached;
  const row = await executor
    .selectFrom('deployment_settings')
    .select('value')
    .where('key', '=', 'secret')
    .executeTakeFirstOrThrow();
  const key = createHmac('sha256', row.value).update(`wholesale-hub:${purpose}`).digest('base64url');
  keys.set(purpose, key);
  return key;
}
