// `mkdir -p` that fails instead of hanging. Node 20's `mkdir(path, { recursive: true })` never
// settles for a path under /proc (e.g. HUB_DATA_DIR=/proc/nope: the process hung with no output);
// creating one missing folder at a time answers ENOENT or EACCES at once.
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** `mode`: of the folders this creates (before the umask), e.g. 0o700 for private data. */
export async function makeDirectory(
  directory: string,
  options: { readonly mode?: number } = {},
): Promise<void> {
  const missing: string[] = [];
  let current = path.resolve(directory);
  for (;;) {
    const found = await stat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw new Error(`Cannot create ${directory}: ${error.message}`, { cause: error });
    });
    if (found) {
      if (!found.isDirectory()) throw new Error(`Cannot create ${directory}: ${current} is not a folder.`);
      break;
    }
    missing.push(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing.reverse()) {
    try {
      await mkdir(folder, options.mode === undefined ? {} : { mode: options.mode });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new Error(`Cannot create ${directory}: ${(error as Error).message}`, { cause: error });
    }
  }
}
