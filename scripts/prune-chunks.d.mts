// Types of prune-chunks.mjs for the TypeScript that calls it (tests).
export const CHUNK_GRACE_MS: number;

export function planChunkPrune(input: {
  name: string;
  files: readonly { file: string; mtimeMs: number }[];
  current: ReadonlySet<string>;
  retired: Readonly<Record<string, number>>;
  now: number;
  graceMs: number;
}): { remove: string[]; retired: Record<string, number> };

export function pruneChunks(
  dir: string,
  name: string,
  current: ReadonlySet<string>,
  options?: { now?: number; graceMs?: number },
): string[];
