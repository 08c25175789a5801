// The signed consent link of SPEC §5: a free account whose email a customer adds stays
// `pending_user_migration` until the person follows this link. The token carries who and until
// when, signed with HMAC-SHA256; it holds no secret and needs no table lookup to be checked. The
// email is part of what is signed, so a link stops working once the pending user's email changes.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface ConsentClaims {
  /** The pending user (subscriber) id. */
  readonly userId: string;
  readonly email: string;
  /** Epoch seconds. */
  readonly expiresAt: number;
}

export type ConsentVerification =
  { ok: true; claims: ConsentClaims } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

/** A consent email's link stays valid for 14 days: long enough for holidays, short enough to fade. */
export const CONSENT_LINK_TTL_SECONDS = 14 * 24 * 3600;

const VERSION = 'c1';

function mac(payload: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(`${VERSION}.${payload}`).digest();
}

export function signConsentToken(claims: ConsentClaims, secret: string): string {
  if (secret.length < 16) throw new Error('The consent signing secret must be at least 16 characters.');
  const payload = Buffer.from(
    JSON.stringify({ u: claims.userId, e: claims.email.toLowerCase(), x: claims.expiresAt }),
  ).toString('base64url');
  return `${VERSION}.${payload}.${mac(payload, secret).toString('base64url')}`;
}

export function verifyConsentToken(
  token: string,
  secret: string,
  nowEpochSeconds: number,
): ConsentVerification {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION || !parts[1] || !parts[2]) {
    return { ok: false, reason: 'malformed' };
  }
  const [, payload, signature] = parts;
  const expected = mac(payload, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad_signature' };
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (
    typeof decoded !== 'object' ||
    decoded === null ||
    typeof (decoded as { u?: unknown }).u !== 'string' ||
    typeof (decoded as { e?: unknown }).e !== 'string' ||
    typeof (decoded as { x?: unknown }).x !== 'number'
  ) {
    return { ok: false, reason: 'malformed' };
  }
  const { u, e, x } = decoded as { u: string; e: string; x: number };
  if (x <= nowEpochSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { userId: u, email: e, expiresAt: x } };
}

/** The link the consent email carries: the web app's page, which posts the token back. */
export function consentUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/consent?token=${encodeURIComponent(token)}`;
}
