import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/** The address the last screen heading was shown at; null until the first one, at page load. */
let lastHeadingPath: string | null = null;
/** The address whose heading took focus on arrival. */
let focusedPath: string | null = null;

/**
 * After a move to another screen inside the app, focus goes to the new screen's heading: a
 * screen-reader user hears where they are, and Tab continues from the top of the new screen rather
 * than from a link that is gone or still in the navigation. The first screen after a page load keeps
 * the browser's focus (the skip link is the first Tab stop). A screen that swaps its loading heading
 * for the real one passes that focus on, unless the person has moved it. Give the heading tabIndex -1.
 */
export function useRouteHeadingFocus<Heading extends HTMLElement>() {
  const heading = useRef<Heading>(null);
  const { pathname } = useLocation();
  useEffect(() => {
    const previous = lastHeadingPath;
    lastHeadingPath = pathname;
    const arrived = previous !== null && previous !== pathname;
    const active = document.activeElement;
    const focusDropped = focusedPath === pathname && (active === null || active === document.body);
    if (!arrived && !focusDropped) return;
    focusedPath = pathname;
    heading.current?.focus();
  }, [pathname]);
  return heading;
}
