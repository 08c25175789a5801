// A string PostgreSQL cannot store: text and jsonb refuse the NUL character, and a lone UTF-16
// surrogate has no UTF-8 form. Pure, so every edge (the HTTP input check, the SCIM filter
// tokenizer) asks the same question.

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function unstorableReason(text: string): 'nul' | 'lone_surrogate' | null {
  if (text.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(text)) return 'lone_surrogate';
  return null;
}
