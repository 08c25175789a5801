import { useState } from 'react';

/** What an edit form needs to offer Reload after its save was refused as stale (412, ADR 0092). */
export interface StaleEditReloadProps {
  readonly onReload: () => void;
  readonly reloading: boolean;
  readonly reloadError: unknown;
}

/** A record held by an edit dialog, and the Reload that replaces it after a stale save. */
export interface HeldForEdit<T> {
  /** The record as the dialog opened on it, or as the last Reload read it. */
  readonly held: T;
  /** Changes with each Reload: the key that starts the form afresh from the reloaded record. */
  readonly generation: number;
  readonly reload: () => void;
  readonly reloading: boolean;
  readonly reloadError: unknown;
}

/**
 * Holds the record an edit dialog works on (with its ETag), so a background refresh moves neither
 * the form's starting point nor the ETag a save sends as If-Match: a change someone else made
 * meanwhile is refused (412) instead of overwritten (ADR 0092). `reload` reads the record again
 * with `readFresh` after a 412 and holds what it read; a failed read is kept as `reloadError`.
 */
export function useHeldForEdit<T>(opened: T, readFresh: () => Promise<T>): HeldForEdit<T> {
  const [held, setHeld] = useState(opened);
  const [generation, setGeneration] = useState(0);
  const [reloading, setReloading] = useState(false);
  const [reloadError, setReloadError] = useState<unknown>(null);
  const reload = async () => {
    setReloading(true);
    setReloadError(null);
    try {
      const fresh = await readFresh();
      setHeld(fresh);
      setGeneration((current) => current + 1);
    } catch (error) {
      setReloadError(error);
    } finally {
      setReloading(false);
    }
  };
  return { held, generation, reload: () => void reload(), reloading, reloadError };
}

/** The Reload of a held record as an edit form's props. */
export function staleEditReloadProps(edit: Omit<HeldForEdit<unknown>, 'held'>): StaleEditReloadProps {
  return { onReload: edit.reload, reloading: edit.reloading, reloadError: edit.reloadError };
}
