import { createTheme } from '@mantine/core';
import type { MantineThemeOverride } from '@mantine/core';

/** Words the theme puts on generic controls; the providers pass them in the current language. */
export interface ThemeLabels {
  closeDialog: string;
}

/** One theme for the whole app: a calm blue primary, system fonts, generous radius, readable contrast. */
export function createAppTheme(labels: ThemeLabels): MantineThemeOverride {
  return createTheme({
    primaryColor: 'blue',
    primaryShade: { light: 7, dark: 5 },
    defaultRadius: 'md',
    fontFamily:
      'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
    headings: { fontWeight: '600' },
    cursorType: 'pointer',
    components: {
      Button: { defaultProps: { radius: 'md' } },
      Paper: { defaultProps: { withBorder: true, radius: 'md', p: 'lg' } },
      Badge: { defaultProps: { variant: 'light', radius: 'sm' } },
      Table: { defaultProps: { highlightOnHover: true, verticalSpacing: 'sm' } },
      // Every dialog: the X has a name, and focus lands on the dialog's title (which names the task)
      // rather than on the X. Mantine's focus trap focuses `[data-autofocus]` first; tabIndex -1 keeps
      // the title out of the Tab order while letting it take that first focus.
      ModalCloseButton: { defaultProps: { 'aria-label': labels.closeDialog } },
      ModalTitle: { defaultProps: { 'data-autofocus': true, tabIndex: -1 } },
    },
  });
}

/** The theme with English labels, for tests and anything rendered outside the providers. */
export const theme = createAppTheme({ closeDialog: 'Close dialog' });
