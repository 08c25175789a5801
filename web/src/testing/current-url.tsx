import type { ReactElement } from 'react';
import { screen } from '@testing-library/react';
import { useLocation } from 'react-router';
import { renderPage } from './render-with-providers.tsx';

/** Shows the router's current URL, as the address bar would. */
function CurrentUrl() {
  const location = useLocation();
  return <output data-testid="url">{`${location.pathname}${location.search}`}</output>;
}

/** Renders a page as `renderPage` does, beside the router's current URL (read with `currentUrl`). */
export function renderPageWithUrl(element: ReactElement, options: { path: string; pattern: string }) {
  return renderPage(
    <>
      {element}
      <CurrentUrl />
    </>,
    options,
  );
}

/** The router's current URL, path and query, of a page rendered by `renderPageWithUrl`. */
export const currentUrl = (): string => screen.getByTestId('url').textContent ?? '';
