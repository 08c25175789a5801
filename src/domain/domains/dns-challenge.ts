// Domain verification by DNS TXT record (SPEC §5): the customer publishes
// `_wholesale-hub-challenge.<domain>` with the value `wholesale-hub-verification=<token>`. These
// are the pure rules; the lookup itself goes through a resolver at the process edge.
import { domainToASCII } from 'node:url';

export const CHALLENGE_LABEL = '_wholesale-hub-challenge';
export const CHALLENGE_VALUE_PREFIX = 'wholesale-hub-verification=';

export type DomainProblem = 'empty' | 'invalid' | 'single_label' | 'ip_address' | 'too_long';

/**
 * Lower-case ASCII (punycode for IDNs), no trailing dot, at least two labels, each 1–63 letters,
 * digits or inner hyphens, at most 253 characters. A bare IP address is not a domain.
 */
export function normalizeDomain(
  input: string,
): { ok: true; domain: string } | { ok: false; problem: DomainProblem } {
  const trimmed = input.trim().replace(/\.$/, '');
  if (trimmed === '') return { ok: false, problem: 'empty' };
  if (/^[0-9.]+$/.test(trimmed) || trimmed.includes(':')) return { ok: false, problem: 'ip_address' };
  const ascii = domainToASCII(trimmed.toLowerCase());
  if (ascii === '') return { ok: false, problem: 'invalid' };
  if (ascii.length > 253) return { ok: false, problem: 'too_long' };
  const labels = ascii.split('.');
  if (labels.length < 2) return { ok: false, problem: 'single_label' };
  const label = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
  if (!labels.every((part) => label.test(part))) return { ok: false, problem: 'invalid' };
  return { ok: true, domain: ascii };
}

export function challengeRecordName(domain: string): string {
  return `${CHALLENGE_LABEL}.${domain}`;
}

export function challengeRecordValue(token: string): string {
  return `${CHALLENGE_VALUE_PREFIX}${token}`;
}

/** Tokens are random url-safe strings: checked before they are put into a record value. */
export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{16,128}$/.test(token);
}

/**
 * TXT answers arrive as records of chunks (one record may be split into 255-byte strings): each
 * record is joined, trimmed of whitespace and wrapping quotes, then compared exactly. Other TXT
 * records at the name (old tokens, other verifications) are ignored.
 */
export function isChallengeSatisfied(records: readonly (readonly string[])[], token: string): boolean {
  const wanted = challengeRecordValue(token);
  return records.some((chunks) => {
    const value = chunks
      .join('')
      .trim()
      .replace(/^"(.*)"$/, '$1');
    return value === wanted;
  });
}

/** Whether an email belongs to a verified domain: the exact domain, not its subdomains. */
export function emailInDomain(email: string, domain: string): boolean {
  const at = email.lastIndexOf('@');
  if (at < 1) return false;
  const emailDomain = normalizeDomain(email.slice(at + 1));
  return emailDomain.ok && emailDomain.domain === domain;
}
