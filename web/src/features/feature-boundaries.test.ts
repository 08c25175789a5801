import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// bulletproof-react's rule, checked on every import of every file: a feature never imports another
// feature; only app/ composes them. Shared code lives in components/ui, lib and i18n.
const featuresRoot = fileURLToPath(new URL('.', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

function featureOf(path: string): string | null {
  const inside = relative(featuresRoot, path);
  if (inside.startsWith('..')) return null;
  return inside.split(sep)[0] ?? null;
}

describe('feature boundaries', () => {
  it('finds the features', () => {
    expect(files(featuresRoot).length).toBeGreaterThan(20);
  });

  it('has no feature importing another feature', () => {
    const crossings: string[] = [];
    for (const file of files(featuresRoot)) {
      const own = featureOf(file);
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/from\s+['"](\.[^'"]+)['"]/g)) {
        const target = resolve(dirname(file), match[1] ?? '');
        const other = featureOf(target);
        if (other && other !== own) crossings.push(`${relative(featuresRoot, file)} -> ${match[1]}`);
      }
    }
    expect(crossings).toEqual([]);
  });
});
