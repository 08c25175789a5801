// JSON.parse is recursive: a body of a few MB of `[` (millions of levels) held the event loop for
// seconds before any depth check on the parsed value could run, and any anonymous client could
// send one. One linear scan of the text, before parsing, refuses such a body: it counts `[`/`{`
// nesting outside strings only, and costs about a millisecond per MB (strings are skipped with
// indexOf, not character by character).

/**
 * The deepest nesting of arrays and objects a JSON body may have. The deepest body a route takes
 * is a SCIM Bulk or PATCH request: its envelope (body › Operations › operation › data/value) holds
 * a resource of at most 32 levels (scim/resources/nesting-depth.ts), so 64 leaves room for both;
 * admin and Wholesale bodies are a few levels deep.
 */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * True when `text`, read as JSON, nests arrays/objects more than `max` levels deep. Brackets and
 * braces inside strings (escaped quotes and backslashes included) do not count. Text that is no
 * JSON gives an answer too; JSON.parse refuses it afterwards.
 */
export function jsonNestsDeeperThan(text: string, max: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  const length = text.length;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      // To the closing quote: the next `"` not escaped, i.e. preceded by an even run of `\`.
      let end = index;
      for (;;) {
        end = text.indexOf('"', end + 1);
        if (end === -1) return false; // an unterminated string: not JSON, JSON.parse says so
        let backslashes = 0;
        while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++;
        if (backslashes % 2 === 0) break;
      }
      index = end;
    } else if (code === OPEN_BRACKET || code === OPEN_BRACE) {
      if (++depth > max) return true;
    } else if (code === CLOSE_BRACKET || code === CLOSE_BRACE) {
      depth--;
    }
  }
  return false;
}
