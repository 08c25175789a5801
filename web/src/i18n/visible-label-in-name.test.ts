// A button whose aria-label adds the row it acts on ("Remove +31 20 123 45 00") must still contain
// its visible text ("Remove"): speech-input users say what they see (WCAG 2.5.3, axe's
// label-content-name-mismatch). Checked here per translation, so a rewording cannot break it.
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import nl from './locales/nl.json';

/** [visible text key, accessible name key] as the components pair them. */
const pairs = [
  ['editLocation.edit', 'editLocation.editNamed'],
  ['common.delete', 'locations.deleteNamed'],
  ['numbers.remove', 'numbers.removeNamed'],
  ['admins.resend', 'admins.resendNamed'],
  ['admins.changeRole', 'admins.changeRoleNamed'],
  ['admins.remove', 'admins.removeNamed'],
  ['tokens.revoke', 'tokens.revokeNamed'],
  ['directorySync.rotate', 'directorySync.rotateNamed'],
  ['directorySync.revoke', 'directorySync.revokeNamed'],
  ['claims.verify', 'claims.verifyNamed'],
  ['common.copy', 'claims.copyRecordName'],
  ['common.copy', 'claims.copyRecordValue'],
  ['common.copied', 'claims.recordNameCopied'],
  ['common.copied', 'claims.recordValueCopied'],
] as const;

function lookup(resource: unknown, key: string): string {
  const value = key
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined,
      resource,
    );
  if (typeof value !== 'string') throw new Error(`missing translation ${key}`);
  return value;
}

describe.each([
  ['en', en],
  ['nl', nl],
])('%s: a named button keeps its visible text in its name', (_language, resource) => {
  it.each(pairs)('%s is part of %s', (visibleKey, namedKey) => {
    const visible = lookup(resource, visibleKey).toLowerCase();
    expect(lookup(resource, namedKey).toLowerCase()).toContain(visible);
  });
});
