// SCIM protocol errors (RFC 7644 §3.12). Pure modules throw these; the SCIM edge renders them with the
// error schema (`schemas`, `scimType`, `detail`, `status` as a string).
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

export class ScimError extends Error {
  readonly status: number;
  readonly scimType: ScimType | undefined;

  constructor(status: number, scimType: ScimType | undefined, detail: string) {
    super(detail);
    this.name = 'ScimError';
    this.status = status;
    this.scimType = scimType;
  }
}

export const invalidFilter = (detail: string): ScimError => new ScimError(400, 'invalidFilter', detail);
export const invalidPath = (detail: string): ScimError => new ScimError(400, 'invalidPath', detail);
export const noTarget = (detail: string): ScimError => new ScimError(400, 'noTarget', detail);
export const invalidValue = (detail: string): ScimError => new ScimError(400, 'invalidValue', detail);
export const invalidSyntax = (detail: string): ScimError => new ScimError(400, 'invalidSyntax', detail);
export const mutability = (detail: string): ScimError => new ScimError(400, 'mutability', detail);
export const uniqueness = (detail: string): ScimError => new ScimError(409, 'uniqueness', detail);
