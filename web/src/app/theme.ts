import { createTheme, DEFAULT_THEME } from '@mantine/core';
import type { MantineColorsTuple, MantineThemeOverride } from '@mantine/core';

/** Words the theme puts on generic controls; the providers pass them in the current language. */
export interface ThemeLabels {
  closeDialog: string;
}

/** Mantine's palette for `name` with some shades replaced. */
function withShades(name: string, shades: Record<number, string>): MantineColorsTuple {
  const palette = DEFAULT_THEME.colors[name];
  if (!palette) throw new Error(`no Mantine palette ${name}`);
  return palette.map((color, index) => shades[index] ?? color) as unknown as MantineColorsTuple;
}

/**
 * Shades darkened until text keeps WCAG AA contrast (4.5:1, checked by test/e2e/accessibility.e2e.ts):
 * shade 8 is the filled background under white text and the colour of subtle and outline text on
 * white or gray.0; shade 9 is the text of a light badge or alert on shade 1; gray 6 is "dimmed".
 * Mantine's own 8s and 9s of the brighter hues (teal, green, orange, yellow) stay near 3:1.
 */
const accessibleColors = {
  gray: withShades('gray', { 6: '#676d73' }),
  teal: withShades('teal', { 8: '#087c58', 9: '#077352' }),
  green: withShades('green', { 8: '#257d36', 9: '#227432' }),
  // Red 6 is also Mantine's error colour: a field's error message is text too.
  red: withShades('red', { 6: '#d63031', 7: '#d32f2f', 8: '#ce2d2d', 9: '#bb2929' }),
  orange: withShades('orange', { 8: '#bc480a', 9: '#ab4209' }),
  yellow: withShades('yellow', { 8: '#9e5c00', 9: '#985800' }),
};

/** One theme for the whole app: a calm blue primary, system fonts, generous radius, readable contrast. */
export function createAppTheme(labels: ThemeLabels): MantineThemeOverride {
  return createTheme({
    primaryColor: 'blue',
    // Shade 8: white on the filled colour and the colour on white both reach 4.5:1 (7 did not).
    primaryShade: { light: 8, dark: 5 },
    colors: accessibleColors,
    defaultRadius: 'md',
    fontFamily:
      'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
    headings: { fontWeight: '600' },
    cursorType: 'pointer',
    // Dialogs, menus and toasts appear without sliding or fading for people who asked for less motion.
    respectReducedMotion: true,
    components: {
      Button: { defaultProps: { radius: 'md' } },
      Paper: { defaultProps: { withBorder: true, radius: 'md', p: 'lg' } },
      Badge: { defaultProps: { variant: 'light', radius: 'sm' } },
      Table: { defaultProps: { highlightOnHover: true, verticalSpacing: 'sm' } },
      // A table wider than a phone scrolls sideways; with the default 'hover' scrollbar a touch
      // screen showed no sign of the columns (role, status, actions) beyond the edge.
      TableScrollContainer: { defaultProps: { scrollAreaProps: { type: 'auto' } } },
      // Every dialog: the X has a name, and focus lands on the dialog's title (which names the task)
      // rather than on the X. Mantine's focus trap focuses `[data-autofocus]` first; tabIndex -1 keeps
      // the title out of the Tab order while letting it take that first focus.
      ModalCloseButton: { defaultProps: { 'aria-label': labels.closeDialog } },
      ModalTitle: { defaultProps: { 'data-autofocus': true, tabIndex: -1 } },
      // A dialog's header is no page banner: as a <header> it made a second banner landmark.
      ModalHeader: { defaultProps: { component: 'div' } },
      // No hidden, focusable placeholder first in a menu: a menu may hold only its items. Focus
      // lands on the menu itself, and the arrow keys move to its items.
      Menu: { defaultProps: { withInitialFocusPlaceholder: false } },
    },
  });
}

/** The theme with English labels, for tests and anything rendered outside the providers. */
export const theme = createAppTheme({ closeDialog: 'Close dialog' });
