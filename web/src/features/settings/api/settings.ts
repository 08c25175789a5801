import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { isApiError } from '../../../lib/api-error.ts';
import { getWithEtag, ifMatchHeaders, sendWithEtag, type WithEtag } from '../../../lib/versioned-request.ts';

export interface CustomerSettings {
  defaultPackage: string | null;
  autoAssignBasicLicences: boolean;
  defaultPreferredWebexSite: string | null;
  extensionLength: number;
  defaultImportBehaviour: 'add-only' | 'add-remove';
}

function settingsPath(customerId: string): string {
  return `/v1/customers/${encodeURIComponent(customerId)}/settings`;
}

export function settingsQueryKey(customerId: string) {
  return ['customers', customerId, 'settings'] as const;
}

/**
 * The settings resource with its ETag (ADR 0092: the version of the customer they belong to), which
 * a save sends back as If-Match; the customer's own `settings` block stands in until that route
 * exists (without an ETag: such a save is last-write-wins).
 */
export function useSettings(customerId: string) {
  return useQuery({
    queryKey: settingsQueryKey(customerId),
    queryFn: async ({ signal }): Promise<WithEtag<CustomerSettings>> => {
      try {
        return await getWithEtag<CustomerSettings>(settingsPath(customerId), signal);
      } catch (error) {
        if (!isApiError(error) || error.status !== 404) throw error;
        const customer = await apiRequest<{ settings: CustomerSettings }>(
          `/v1/customers/${encodeURIComponent(customerId)}`,
        );
        return customer.settings;
      }
    },
  });
}

/** A save of the settings as the form shows them, with the ETag of the settings the form started from. */
export interface SettingsSave {
  readonly settings: CustomerSettings;
  readonly etag: string | null | undefined;
}

export function useSaveSettings(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ settings, etag }: SettingsSave): Promise<WithEtag<CustomerSettings>> => {
      const write = async (method: 'PATCH' | 'PUT') => {
        const { data, etag: saved } = await sendWithEtag<CustomerSettings>(settingsPath(customerId), {
          method,
          body: settings,
          headers: ifMatchHeaders(etag),
        });
        return { ...data, etag: saved };
      };
      try {
        return await write('PATCH');
      } catch (error) {
        if (!isApiError(error) || (error.status !== 404 && error.status !== 405)) throw error;
        return write('PUT');
      }
    },
    onSuccess: (saved) => {
      // The answer is the stored settings with the new ETag; the customer view (whose version the
      // save moved, and which shows the settings too) is read again.
      queryClient.setQueryData(settingsQueryKey(customerId), saved);
      return queryClient.invalidateQueries({ queryKey: ['customers', customerId] });
    },
  });
}
