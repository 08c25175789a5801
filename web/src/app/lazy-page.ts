import { lazy } from 'react';
import type { ComponentType, LazyExoticComponent } from 'react';

/**
 * A screen whose code is fetched the first time it is shown, so the first load carries only the
 * sign-in screen and the shell. Screens are named exports; React.lazy wants a default one.
 */
export function lazyPage<Name extends string, Module extends Record<Name, ComponentType>>(
  load: () => Promise<Module>,
  name: Name,
): LazyExoticComponent<Module[Name]> {
  return lazy(async () => ({ default: (await load())[name] }));
}
