import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ifMatchHeaders, sendWithEtag, type WithEtag } from '../../../lib/versioned-request.ts';
import { userQueryKey } from './get-user.ts';
import type { ProvisioningError, User } from './user-types.ts';
import { usersPath } from './user-types.ts';

/** The user's free-text fields the admin API answers next to those the list shows. */
export interface UserDetails extends User {
  manager?: string | null;
  preferredLanguage?: string | null;
  timeZone?: string | null;
  callerIdFirstName?: string | null;
  callerIdLastName?: string | null;
  callerIdNumber?: string | null;
}

/** `PATCH /v1/customers/{id}/users/{userId}`: only the fields that changed. */
/** Profile fields the admin API clears when sent `null`; the names can be changed, not cleared. */
export type ClearableUserField =
  | 'displayName'
  | 'title'
  | 'department'
  | 'manager'
  | 'callerIdFirstName'
  | 'callerIdLastName'
  | 'preferredWebexSite'
  | 'preferredLanguage'
  | 'timeZone'
  | 'callerIdNumber';

export type UserFieldsPatch = Partial<Record<'firstName' | 'lastName', string>> &
  Partial<Record<ClearableUserField, string | null>> &
  Partial<Record<JabberField, boolean>>;

/** The PATCH body: the fields above and the basic licences that changed. */
export type UserPatch = UserFieldsPatch & { basicLicences?: BasicLicencesPatch };

/** The basic licences that changed: true assigns, false removes (SPEC §3). */
export type BasicLicencesPatch = Partial<
  Record<'basicMessaging' | 'basicSpaceMeetings' | 'callingFromWebex', boolean>
>;

/** The Jabber settings, by the API's field names (SPEC §3: FALSE when never given). */
export type JabberField = 'jabberCalling' | 'jabberWithWebexTeams';

/**
 * The saved user and the warnings of the change, each naming its field (`phone_plus_restored` on
 * `callerIdNumber`): PATCH answers them as create and the package change do.
 */
export type SavedUser = WithEtag<UserDetails> & { warnings: ProvisioningError[] };

/**
 * Saves the patch as a change of the version the form was loaded from (`etag`, sent as If-Match):
 * a change by someone else since then makes it fail with 412 instead of overwriting theirs.
 */
export function useUpdateUser(customerId: string, userId: string, etag?: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (patch: UserPatch): Promise<SavedUser> => {
      const saved = await sendWithEtag<UserDetails & { warnings?: ProvisioningError[] }>(
        `${usersPath(customerId)}/${encodeURIComponent(userId)}`,
        { method: 'PATCH', body: patch, headers: ifMatchHeaders(etag) },
      );
      return { ...saved.data, etag: saved.etag, warnings: saved.data.warnings ?? [] };
    },
    // The warnings belong to this save, not to the user: the cached user is kept without them.
    onSuccess: ({ warnings: _warnings, ...user }) => {
      queryClient.setQueryData(userQueryKey(customerId, userId), user);
      return queryClient.invalidateQueries({ queryKey: ['customers', customerId, 'users'] });
    },
  });
}
