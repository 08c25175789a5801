/**
 * IANA time zones as the browser knows them, and those of one country (for a sensible default and to
 * list them first). `Intl.Locale#getTimeZones()` is the current name; older engines have `timeZones`.
 */
interface LocaleWithTimeZones {
  getTimeZones?: () => string[];
  timeZones?: string[];
}

let cached: string[] | null = null;

export function allTimeZones(): string[] {
  if (!cached) {
    try {
      cached = Intl.supportedValuesOf('timeZone');
    } catch {
      cached = [];
    }
  }
  return cached;
}

/** Known to the browser, or to the engine when the list leaves out an alias (UTC, Europe/Kiev). */
export function isTimeZone(value: string): boolean {
  const zone = value.trim();
  if (!zone) return false;
  if (allTimeZones().includes(zone)) return true;
  // A bare city or a region name ("Amsterdam") is no IANA zone, even where an engine is lenient.
  if (!zone.includes('/') && zone.toUpperCase() !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function timeZonesOfCountry(country: string): string[] {
  const code = country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) return [];
  try {
    const locale = new Intl.Locale(`und-${code}`) as Intl.Locale & LocaleWithTimeZones;
    return locale.getTimeZones?.() ?? locale.timeZones ?? [];
  } catch {
    return [];
  }
}

/** The country's only time zone; null when it has several (the admin chooses) or none is known. */
export function defaultTimeZone(country: string): string | null {
  const zones = timeZonesOfCountry(country);
  return zones.length === 1 ? (zones[0] ?? null) : null;
}

/**
 * The time zone after the country changed: kept when it belongs to the new country, else the
 * country's only zone, else empty so that the location step asks for it.
 */
export function timeZoneForCountry(current: string, country: string): string {
  const zones = timeZonesOfCountry(country);
  if (zones.length === 0) return current;
  if (zones.includes(current)) return current;
  return defaultTimeZone(country) ?? '';
}

/** Select data: the country's zones first, then all others; every zone searchable by name. */
export function timeZoneSelectData(
  country: string,
  labels: { countryZones: string; otherZones: string },
): { group: string; items: string[] }[] {
  const own = timeZonesOfCountry(country);
  const ownSet = new Set(own);
  const others = allTimeZones().filter((zone) => !ownSet.has(zone));
  if (own.length === 0) return [{ group: labels.otherZones, items: others }];
  return [
    { group: labels.countryZones, items: own },
    { group: labels.otherZones, items: others },
  ];
}
