import { describe, expect, it } from 'vitest';
import { defaultTimeZone, isTimeZone, timeZoneForCountry, timeZoneSelectData } from './time-zone-options.ts';
import { countryOptions, isAssignedCountry } from './country-options.ts';

describe('time zones', () => {
  it.each([
    ['Europe/Amsterdam', true],
    ['America/New_York', true],
    ['Amsterdam', false],
    ['Europe/Atlantis', false],
    ['', false],
  ])('%s is a time zone: %s', (zone, expected) => {
    expect(isTimeZone(zone)).toBe(expected);
  });

  it.each([
    ['NL', 'Europe/Amsterdam'],
    ['BE', 'Europe/Brussels'],
    ['US', null],
  ])('defaults %s to %s (one zone only)', (country, expected) => {
    expect(defaultTimeZone(country)).toBe(expected);
  });

  it.each([
    ['Europe/Amsterdam', 'BE', 'Europe/Brussels'],
    ['Europe/Amsterdam', 'US', ''],
    ['America/Chicago', 'US', 'America/Chicago'],
  ])('after a country change %s becomes %s → %s', (current, country, expected) => {
    expect(timeZoneForCountry(current, country)).toBe(expected);
  });

  it("lists the country's zones first", () => {
    const [own, others] = timeZoneSelectData('NL', { countryZones: 'NL', otherZones: 'Other' });
    expect(own).toEqual({ group: 'NL', items: ['Europe/Amsterdam'] });
    expect(others?.items).toContain('Asia/Tokyo');
    expect(others?.items).not.toContain('Europe/Amsterdam');
  });
});

describe('countries', () => {
  it.each([
    ['NL', true],
    ['nl', true],
    ['NE', true],
    ['XK', false],
    ['EU', false],
    ['Nederland', false],
  ])('%s is an assigned ISO 3166-1 alpha-2 code: %s', (code, expected) => {
    expect(isAssignedCountry(code)).toBe(expected);
  });

  it('names the countries in the UI language', () => {
    expect(countryOptions('nl').find((option) => option.value === 'NL')?.label).toBe('Nederland (NL)');
    expect(countryOptions('en').find((option) => option.value === 'DE')?.label).toBe('Germany (DE)');
    expect(countryOptions('en')).toHaveLength(249);
  });
});
