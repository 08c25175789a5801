import { useQueryClient } from '@tanstack/react-query';
import { useHeldForEdit } from '../../../lib/use-held-for-edit.ts';
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
  const { held, ...edit } = useHeldForEdit(
    opened,
    async () =>
      // The fresh user has every field the opened one had: the same GET answered both.
      (await queryClient.fetchQuery({ ...userQuery(customerId, opened.id), staleTime: 0 })) as WithEtag<T>,
  );
  return { user: held, ...edit };
}
