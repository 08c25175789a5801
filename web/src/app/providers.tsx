import type { ReactNode } from 'react';
import { useEffect, useMemo, useState } from 'react';
import { MantineProvider } from '@mantine/core';
import type { CSSVariablesResolver } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useDialogFocusReturn } from './dialog-focus-return.ts';
import { useInvalidFieldFocus } from '../lib/invalid-field-focus.ts';
import { createAppTheme } from './theme.ts';
import './reduced-motion.css';
import './narrow-stepper.css';
import { createQueryClient } from '../lib/query-client.ts';
import { refetchOnLanguageChange } from '../lib/refetch-on-language-change.ts';

/**
 * Placeholders are text too (WCAG 1.4.3): Mantine's gray 5 on white is 2:1; the theme's gray 6
 * ("dimmed") reaches 4.5:1 on white on the inputs' white.
 */
const readableCssVariables: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-placeholder': 'var(--mantine-color-gray-6)' },
  dark: {},
});

export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  useEffect(() => refetchOnLanguageChange(queryClient), [queryClient]);
  const { t } = useTranslation();
  const closeDialog = t('common.closeDialog');
  const theme = useMemo(() => createAppTheme({ closeDialog }), [closeDialog]);
  useDialogFocusReturn();
  useInvalidFieldFocus();
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={readableCssVariables}>
      <Notifications position="top-right" autoClose={4000} />
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}
