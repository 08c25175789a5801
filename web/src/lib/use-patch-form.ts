import type { FormEvent } from 'react';
import { useState } from 'react';
import type { UseMutationResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSubmitOnce } from './use-submit-once.ts';
import { sortErrorsByField, type SortedErrors, type Translate } from './field-errors.ts';

/** What an edit dialog knows of its form: its fields, how to check them, and what to send. */
export interface PatchFormOptions<Field extends string, Patch extends object, Saved> {
  readonly initial: Record<Field, string>;
  readonly fields: readonly Field[];
  /** Errors found before sending (too long, emptied where not allowed…). */
  readonly check: (values: Record<Field, string>, t: Translate) => Partial<Record<Field, string>>;
  /** Only what changed; an empty patch closes the dialog without a request. */
  readonly patchOf: (values: Record<Field, string>) => Patch;
  readonly mutation: UseMutationResult<Saved, Error, Patch>;
  readonly onSaved: (saved: Saved) => void;
  readonly onUnchanged: () => void;
}

export interface PatchForm<Field extends string> {
  readonly values: Record<Field, string>;
  set(field: Field, value: string): void;
  /** The field's error: the form's own check, else the server's for the value it was sent. */
  errorOf(field: Field): string | undefined;
  /** The server's objections that belong to no field (or a failure without details). */
  readonly server: SortedErrors;
  /**
   * The last save was refused: shown even when every reason sits under its input, and kept when a
   * refused field changes (its reason leaves the input, being about the value sent), so the admin
   * sees that nothing was saved until the next save answers.
   */
  readonly showAlert: boolean;
  /** The save is on its way: the Save button spins and is disabled. */
  readonly saving: boolean;
  submit(event: FormEvent): void;
}

/**
 * The form state the edit dialogs share: values, checks before sending, the server's errors under
 * their fields. A server message stays under its field until the admin changes that field.
 */
export function usePatchForm<Field extends string, Patch extends object, Saved>(
  options: PatchFormOptions<Field, Patch, Saved>,
): PatchForm<Field> {
  const { t } = useTranslation();
  const { initial, fields, check, patchOf, mutation } = options;
  const [values, setValues] = useState<Record<Field, string>>(initial);
  const [checked, setChecked] = useState<Partial<Record<Field, string>>>({});
  const [sent, setSent] = useState<Record<Field, string> | null>(null);
  // A double click on Save sends the patch once.
  const submitOnce = useSubmitOnce();

  const server = sortErrorsByField(mutation.error, fields, t, sent ?? values);
  return {
    values,
    server,
    saving: submitOnce.pending,
    showAlert: mutation.isError,
    set(field, value) {
      setValues((current) => ({ ...current, [field]: value }));
      setChecked((current) => ({ ...current, [field]: undefined }));
    },
    errorOf(field) {
      return checked[field] ?? (sent && sent[field] === values[field] ? server.byField[field] : undefined);
    },
    submit(event) {
      event.preventDefault();
      const found = check(values, t);
      setChecked(found);
      if (Object.keys(found).length > 0) return;
      const patch = patchOf(values);
      if (Object.keys(patch).length === 0) {
        options.onUnchanged();
        return;
      }
      setSent(values);
      submitOnce.run(() => mutation.mutateAsync(patch), { onSuccess: options.onSaved });
    },
  };
}
