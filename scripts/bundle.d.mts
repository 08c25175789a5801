// Types of bundle.mjs for the TypeScript that calls it (benchmarks, tests).
export function ensureBundle(entry: string, name: string, root?: string): Promise<string>;
