// Free-text fields a user carries (set by CSV, APIs and SCIM alike).
export const TEXT_FIELDS = [
  'firstName',
  'lastName',
  'displayName',
  'title',
  'department',
  'manager',
  'callerIdFirstName',
  'callerIdLastName',
  'preferredLanguage',
  'timeZone',
  'preferredWebexSite',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** Fields the directory owns while directory synchronization is on (SPEC §5). */
export const DIRECTORY_OWNED_FIELDS: readonly TextField[] = ['firstName', 'lastName', 'displayName'];
