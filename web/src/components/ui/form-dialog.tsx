import type { FormEvent, ReactNode } from 'react';
import { Button, Group, Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './error-alert.tsx';

export interface FormDialogProps {
  /** For a dialog that stays mounted; the others are rendered only while open. */
  readonly opened?: boolean;
  readonly title: string;
  readonly onClose: () => void;
  readonly onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /** The save is on its way: the Save button spins and is disabled (a second click sends nothing). */
  readonly saving: boolean;
  /** The server's refusal, shown above the buttons; null hides it. */
  readonly error: unknown;
  /**
   * The fields whose server errors sit under their inputs: the refusal leaves them out, so a reason
   * is never shown twice (ErrorAlert's `fieldsShown`).
   */
  readonly fieldsShown?: readonly string[];
  readonly testId?: string;
  readonly children: ReactNode;
}

/** The edit dialogs' frame: a modal form with the fields, the server's refusal, Cancel and Save. */
export function FormDialog({
  opened = true,
  title,
  onClose,
  onSubmit,
  saving,
  error,
  fieldsShown = [],
  testId,
  children,
}: FormDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg" centered>
      <form onSubmit={onSubmit} noValidate data-testid={testId}>
        <Stack>
          {children}
          {error ? <ErrorAlert error={error} fieldsShown={fieldsShown} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={saving} disabled={saving}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * The green "Saved" toast an edit dialog shows before it closes. A polite status, not Mantine's
 * default alert: news that all went well waits until the screen reader has finished speaking.
 */
export function showSaved(title: string, message: string): void {
  notifications.show({ color: 'green', role: 'status', title, message });
}
