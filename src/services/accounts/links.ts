// Links in emails (consent, invites, sign-up verification) and the key that signs consent links.
// The key is derived from the deployment's stored secret, so every node and worker agrees on it
// without configuration; the base URL is set once at start-up from HUB_PUBLIC_URL.
import { createHmac } from 'node:crypto';
import type { Executor } from '../context.ts';

let publicBaseUrl = 'http://localhost:3000';

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
