import { isJsonObject } from '../json.ts';
import type { JsonObject } from '../json.ts';

// RFC 7643 §2.4: `"primary": true` appears at most once per multi-valued attribute. A body that marks
// several values primary keeps the first as primary (the one the identity email rule, SPEC §7,
// reads) and the others lose the flag, so what we store and answer conforms. Normalised rather than
// refused: a document stored before this rule must stay patchable.

export function keepFirstPrimary(document: JsonObject): JsonObject {
  for (const value of Object.values(document)) {
    if (!Array.isArray(value)) continue;
    let seen = false;
    for (const item of value) {
      if (!isJsonObject(item) || item.primary !== true) continue;
      if (seen) item.primary = false;
      seen = true;
    }
  }
  return document;
}
