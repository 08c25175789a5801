/** The job kind of CSV imports; the payload is `{ importId }`. */
export const IMPORT_JOB_KIND = 'import-users';
