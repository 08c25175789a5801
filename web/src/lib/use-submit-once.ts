import { useCallback, useRef, useState } from 'react';

export interface SubmitOnceCallbacks<Result> {
  readonly onSuccess?: (result: Result) => void;
  readonly onError?: (error: unknown) => void;
  /**
   * Keep refusing submits after a success (the page is about to go elsewhere, e.g. to the record just
   * created): a click between the answer and the navigation must not send again.
   */
  readonly stayLockedOnSuccess?: boolean;
}

export interface SubmitOnce {
  /**
   * Sends with `send` unless a send is already on its way; then it does nothing. The callbacks are this
   * request's own (its promise's), not mutate()'s, which TanStack Query runs for the latest call only.
   * A failure is handed to onError and otherwise swallowed: the mutation's `error` still shows it.
   */
  run<Result>(send: () => Promise<Result>, callbacks?: SubmitOnceCallbacks<Result>): void;
  /** A send is on its way: the submit button spins and is disabled. */
  readonly pending: boolean;
}

/**
 * One submit at a time. The guard is a ref set synchronously by the first click, before React has
 * rendered the button as loading: a double click sends one request, not two.
 */
export function useSubmitOnce(): SubmitOnce {
  const inFlight = useRef(false);
  const [pending, setPending] = useState(false);
  const run = useCallback(
    <Result>(send: () => Promise<Result>, callbacks: SubmitOnceCallbacks<Result> = {}) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setPending(true);
      const settle = (locked: boolean) => {
        inFlight.current = locked;
        setPending(false);
      };
      send().then(
        (result) => {
          settle(callbacks.stayLockedOnSuccess === true);
          callbacks.onSuccess?.(result);
        },
        (error: unknown) => {
          settle(false);
          callbacks.onError?.(error);
        },
      );
    },
    [],
  );
  return { run, pending };
}
