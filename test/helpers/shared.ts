// Files of ../shared (fixtures, references): beside the repository on every machine and in CI.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPOSITORY_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function sharedPath(...parts: string[]): string {
  return path.resolve(REPOSITORY_ROOT, '../shared', ...parts);
}

export function repositoryPath(...parts: string[]): string {
  return path.resolve(REPOSITORY_ROOT, ...parts);
}
