// SPEC §9: 0 done, 1 failed, 2 input rejected (bad arguments, a rejected file).
import { isAppError } from '../domain/errors.ts';
import { ConfigError } from '../config.ts';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_REJECTED = 2;

/** An input the CLI itself rejects (exit 2). */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof CliUsageError || error instanceof ConfigError) return EXIT_REJECTED;
  if (isAppError(error))
    return error.code === 'validation_failed' || error.code === 'payload_too_large'
      ? EXIT_REJECTED
      : EXIT_FAILED;
  return EXIT_FAILED;
}

export function describeError(error: unknown): string {
  if (isAppError(error)) {
    const details = error.details.map(
      (detail) => `  - ${detail.field ? `${detail.field}: ` : ''}${detail.description}`,
    );
    return [error.message, ...details].join('\n');
  }
  return error instanceof Error ? error.message : String(error);
}
