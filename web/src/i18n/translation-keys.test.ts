import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import nl from './locales/nl.json';
import { flattenKeys } from './flatten-keys.ts';

const sourceRoot = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every literal key the code translates: `t('a.b')`, `i18nKey="a.b"` and `tKey('a.b')` markers. */
function usedKeys(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [
    /\bt\(\s*['"`]([\w.-]+)['"`]/g,
    /i18nKey=["']([\w.-]+)["']/g,
    /\btKey\(\s*['"]([\w.-]+)['"]/g,
  ];
  for (const file of sourceFiles(sourceRoot)) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) {
        if (match[1]) found.set(match[1], relative(sourceRoot, file));
      }
    }
  }
  return found;
}

describe('translations', () => {
  const enKeys = new Set(flattenKeys(en));
  const nlKeys = new Set(flattenKeys(nl));

  it('has every English key in Dutch', () => {
    expect([...enKeys].filter((key) => !nlKeys.has(key))).toEqual([]);
  });

  it('has every Dutch key in English', () => {
    expect([...nlKeys].filter((key) => !enKeys.has(key))).toEqual([]);
  });

  it('has a translation for every key the code uses', () => {
    // A counted text is stored as plural forms (`key_one`, `key_other`) and used by its base key.
    const missing = [...usedKeys()]
      .filter(([key]) => !enKeys.has(key) && !enKeys.has(`${key}_other`))
      .map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it('finds the keys the code uses (the scan itself works)', () => {
    expect(usedKeys().size).toBeGreaterThan(20);
  });

  it('leaves no translation empty', () => {
    const empty = (resource: unknown) =>
      flattenKeys(resource).filter((key) => {
        const value = key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], resource);
        return typeof value !== 'string' || value.trim() === '';
      });
    expect(empty(en)).toEqual([]);
    expect(empty(nl)).toEqual([]);
  });
});
