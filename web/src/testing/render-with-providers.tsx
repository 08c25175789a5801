import type { ReactElement } from 'react';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { configure, render } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { theme } from '../app/theme.ts';
import i18n from '../i18n/i18n.ts';

// findBy…/waitFor give up after 1 s by default: on two cores shared with a database-backed run,
// a page's first render and its fetch stubs can take longer than that, failing a correct test.
configure({ asyncUtilTimeout: 5000 });

/** jsdom lacks the browser APIs Mantine reads on mount. */
export function polyfillBrowser(): void {
  if (!window.matchMedia) {
    window.matchMedia = (query: string) =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => undefined,
        removeListener: () => undefined,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        dispatchEvent: () => false,
      }) as MediaQueryList;
  }
  if (!('ResizeObserver' in window)) {
    class ResizeObserverStub {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    }
    Object.assign(window, { ResizeObserver: ResizeObserverStub });
  }
  window.HTMLElement.prototype.scrollIntoView ??= () => undefined;
}

/** Renders a page at `path` (matching `pattern`) inside the app's providers, in English. */
export async function renderPage(element: ReactElement, { path = '/', pattern = '*' } = {}) {
  polyfillBrowser();
  await i18n.changeLanguage('en');
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path={pattern} element={element} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
}
