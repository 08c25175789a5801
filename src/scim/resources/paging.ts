// startIndex / count (RFC 7644 §3.4.2.4): 1-based; startIndex < 1 means 1; count < 0 means 0.
export const DEFAULT_SCIM_COUNT = 100;
export const MAX_SCIM_COUNT = 1000;

export interface ScimPaging {
  readonly startIndex: number;
  readonly count: number;
}

export function parsePaging(startIndex: string | undefined, count: string | undefined): ScimPaging {
  const start = toInteger(startIndex);
  const size = toInteger(count);
  return {
    startIndex: start === undefined || start < 1 ? 1 : start,
    count: size === undefined ? DEFAULT_SCIM_COUNT : Math.min(Math.max(size, 0), MAX_SCIM_COUNT),
  };
}

function toInteger(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? Math.trunc(value) : undefined;
}
