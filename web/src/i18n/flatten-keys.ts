/** Lists the dotted keys of a nested translation resource (`{a: {b: 'x'}}` → `['a.b']`). */
export function flattenKeys(resource: unknown, prefix = ''): string[] {
  if (typeof resource !== 'object' || resource === null) return prefix ? [prefix] : [];
  return Object.entries(resource as Record<string, unknown>).flatMap(([key, value]) =>
    flattenKeys(value, prefix ? `${prefix}.${key}` : key),
  );
}
