import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client.ts';
import { isApiError } from '../../../lib/api-error.ts';

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

/** The settings resource; the customer's own `settings` block stands in until that route exists. */
export function useSettings(customerId: string) {
  return useQuery({
    queryKey: ['customers', customerId, 'settings'],
    queryFn: async () => {
      try {
        return await apiRequest<CustomerSettings>(settingsPath(customerId));
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

export function useSaveSettings(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (settings: CustomerSettings) => {
      try {
        return await apiRequest<CustomerSettings>(settingsPath(customerId), {
          method: 'PATCH',
          body: settings,
        });
      } catch (error) {
        if (!isApiError(error) || (error.status !== 404 && error.status !== 405)) throw error;
        return apiRequest<CustomerSettings>(settingsPath(customerId), { method: 'PUT', body: settings });
      }
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers', customerId] }),
  });
}
