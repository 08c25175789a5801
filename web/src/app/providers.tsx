import type { ReactNode } from 'react';
import { useEffect, useMemo, useState } from 'react';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useDialogFocusReturn } from './dialog-focus-return.ts';
import { createAppTheme } from './theme.ts';
import { createQueryClient } from '../lib/query-client.ts';
import { refetchOnLanguageChange } from '../lib/refetch-on-language-change.ts';

export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  useEffect(() => refetchOnLanguageChange(queryClient), [queryClient]);
  const { t } = useTranslation();
  const closeDialog = t('common.closeDialog');
  const theme = useMemo(() => createAppTheme({ closeDialog }), [closeDialog]);
  useDialogFocusReturn();
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" autoClose={4000} />
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}
