import { useState } from 'react';
import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.tsx';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { useCancelApply } from '../api/import-job.ts';
import { useSubmitOnce } from '../../../lib/use-submit-once.ts';

/**
 * Stops an import while it is queued or being applied, after a question that says what stays: the
 * batches already applied are committed and are not rolled back, only the rest of the file is skipped.
 */
export function CancelApplyButton({ customerId, jobId }: { customerId: string; jobId: string }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const cancel = useCancelApply(customerId, jobId);
  const cancelOnce = useSubmitOnce();
  const close = () => {
    setAsking(false);
    cancel.reset();
  };
  return (
    <>
      <Button variant="default" color="red" onClick={() => setAsking(true)} data-testid="cancel-import">
        {t('imports.cancelApply')}
      </Button>
      <ConfirmDialog
        opened={asking}
        title={t('imports.cancelApplyTitle')}
        message={t('imports.cancelApplyMessage')}
        confirmLabel={t('imports.cancelApply')}
        dismissLabel={t('imports.keepApplying')}
        loading={cancelOnce.pending}
        onConfirm={() => cancelOnce.run(() => cancel.mutateAsync(), { onSuccess: () => setAsking(false) })}
        onCancel={close}
      >
        {cancel.isError ? (
          <ErrorAlert error={cancel.error} refusedTitle={t('imports.cancelApplyRefused')} />
        ) : null}
      </ConfirmDialog>
    </>
  );
}
