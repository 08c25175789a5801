/**
 * Marks a translation key kept in data (menus, status maps) so the key check can find it; returns it unchanged.
 */
export function tKey<const K extends string>(key: K): K {
  return key;
}
