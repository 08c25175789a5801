// A seam between two batches of an import's apply, for the browser tests only: the product installs
// nothing here. A browser test has only the server's process edge; to cancel an import it must
// know the import is mid-way, and on a slow machine a whole file can be applied before the
// admin's click arrives. The browser tests' server (test/e2e/server/install-import-hold.ts)
// installs a gate that holds imports between batches while the test asks it to.

/** Resolves when the apply may go on with its next batch (the one before is committing). */
export type ImportBatchGate = () => Promise<void>;

let installed: ImportBatchGate | null = null;

/** Installs `gate` for every import this process runs (null removes it). */
export function useImportBatchGate(gate: ImportBatchGate | null): void {
  installed = gate;
}

/** Waits for the installed gate, if any: at once when none is. */
export async function passImportBatchGate(): Promise<void> {
  if (installed) await installed();
}
