import { describe, expect, it } from 'vitest';
import nl from './locales/nl.json';
import { flattenKeys } from './flatten-keys.ts';

/** The text under a dotted key of the Dutch resource. */
function textAt(key: string): string {
  let node: unknown = nl;
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part];
  return String(node);
}

// The app addresses the admin formally ("u", "uw") from sign-in to the audit log; one page that
// says "je" or "jij" reads as if another product wrote it.
const informal = /\b(je|jij|jou|jouw|jullie)\b/i;

describe('Dutch texts', () => {
  it('address the admin formally everywhere', () => {
    const offenders = flattenKeys(nl).filter((key) => informal.test(textAt(key)));
    expect(offenders.map((key) => `${key}: ${textAt(key)}`)).toEqual([]);
  });
});
