// SPEC §9: 0 done, 1 failed, 2 input rejected (bad arguments, a rejected file). A reference on the
// command line that names nothing (not_found) is a bad argument too (ADR 0064).
import { isAppError } from '../domain/errors.ts';
import { ConfigError } from '../config.ts';
import { inCliTerms, optionForField } from './option-names.ts';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_REJECTED = 2;

const REJECTED_INPUT_CODES = new Set(['validation_failed', 'payload_too_large', 'not_found']);

/** An input the CLI itself rejects (exit 2). */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof CliUsageError || error instanceof ConfigError) return EXIT_REJECTED;
  if (isAppError(error)) return REJECTED_INPUT_CODES.has(error.code) ? EXIT_REJECTED : EXIT_FAILED;
  return EXIT_FAILED;
}

/**
 * The CLI's text for an error. `commandOptions`: the long options of the command that ran (e.g.
 * `--country`), so that a detail about a field it gives is labelled with that option.
 */
export function describeError(error: unknown, commandOptions?: ReadonlySet<string>): string {
  if (isAppError(error)) {
    // A detail that only repeats the message (e.g. "This is not a CSV text file.") is said once.
    // Fields and the sentences naming them speak of the CLI's options, not the API's fields; a
    // sentence that already names its option needs no "--option:" in front.
    const details = error.details
      .filter((detail) => detail.description !== error.message)
      .map((detail) => {
        const field = detail.field === undefined ? undefined : optionForField(detail.field, commandOptions);
        const description = inCliTerms(withoutFieldLabel(detail.description, detail.field, field));
        const named = field !== undefined && !(field.startsWith('--') && description.includes(field));
        return `  - ${named ? `${field}: ` : ''}${description}`;
      });
    return [inCliTerms(error.message), ...details].join('\n');
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * A description that begins with its own field's name ("language: \"xx\" is not …") would read
 * "--language: language: …" once labelled with the option: the label is said once.
 */
function withoutFieldLabel(
  description: string,
  field: string | undefined,
  label: string | undefined,
): string {
  if (field === undefined || label === undefined || label === field) return description;
  const name = field.split('.').at(-1) ?? field;
  return description.startsWith(`${name}: `) ? description.slice(name.length + 2) : description;
}
