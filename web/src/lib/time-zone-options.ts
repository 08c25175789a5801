/** The IANA time zones the browser knows, for time-zone pickers (the server checks the value again). */
export function timeZoneOptions(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Europe/Amsterdam', 'Europe/Brussels', 'Europe/London', 'UTC'];
  }
}
