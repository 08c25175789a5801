import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { WithEtag } from '../../../lib/versioned-request.ts';
import { userQuery } from './get-user.ts';
import type { User } from './user-types.ts';

/**
 * The user an edit dialog was opened on, with its ETag: held while the dialog is open, so that a
 * background refresh neither moves the form's starting point nor lets a save overwrite a change it
 * never showed (ADR 0092). `reload` reads the user again after a 412; `generation` changes with
 * it, as the key that starts the form afresh from the reloaded user.
 */
export function useEditedUser<T extends User>(customerId: string, opened: WithEtag<T>) {
  const queryClient = useQueryClient();
  const [user, setUser] = useState(opened);
  const [generation, setGeneration] = useState(0);
  const [reloading, setReloading] = useState(false);
  const [reloadError, setReloadError] = useState<unknown>(null);
  const reload = async () => {
    setReloading(true);
    setReloadError(null);
    try {
      const fresh = await queryClient.fetchQuery({ ...userQuery(customerId, opened.id), staleTime: 0 });
      // The fresh user has every field the opened one had: the same GET answered both.
      setUser(fresh as WithEtag<T>);
      setGeneration((current) => current + 1);
    } catch (error) {
      setReloadError(error);
    } finally {
      setReloading(false);
    }
  };
  return { user, generation, reload: () => void reload(), reloading, reloadError };
}
