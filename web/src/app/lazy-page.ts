import { createElement, lazy } from 'react';
import type { ComponentType, LazyExoticComponent } from 'react';

/** How to give each screen whose code failed to load a fresh import. */
const failedPages = new Set<() => void>();

/**
 * Lets every screen whose code failed to load import it again the next time it renders. Called by
 * `RouteError` before "Try again" and when the error leaves the screen (the reader went elsewhere):
 * not at the failure itself, since React renders the failed screen again to reach the error page,
 * and a fresh import there would suspend once more instead of showing the error.
 */
export function retryFailedPages(): void {
  for (const retry of [...failedPages]) retry();
}

/**
 * A screen whose code is fetched the first time it is shown, so the first load carries only the
 * sign-in screen and the shell. Screens are named exports; React.lazy wants a default one.
 *
 * React.lazy remembers a rejected import for good: a screen whose chunk failed once (offline, a
 * server restart) would stay broken until a full reload. So the screen renders whichever lazy
 * component is current, and a failure registers a way to replace it (`retryFailedPages`).
 */
export function lazyPage<Name extends string, Module extends Record<Name, ComponentType>>(
  load: () => Promise<Module>,
  name: Name,
): ComponentType {
  const fresh = (): LazyExoticComponent<ComponentType> =>
    lazy(async () => {
      try {
        return { default: (await load())[name] };
      } catch (error) {
        failedPages.add(retry);
        throw error;
      }
    });
  let current = fresh();
  function retry() {
    failedPages.delete(retry);
    current = fresh();
  }
  function LazyPage() {
    return createElement(current);
  }
  LazyPage.displayName = `LazyPage(${name})`;
  return LazyPage;
}
