import { rename, rm } from 'node:fs/promises';

/**
 * Renames a finished `.partial` file to its target; when that fails (the target became a folder,
 * the disk's permissions changed), removes the partial file too, so no stray copy of the
 * database is left beside the target.
 */
export async function moveIntoPlace(partial: string, target: string): Promise<void> {
  try {
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
