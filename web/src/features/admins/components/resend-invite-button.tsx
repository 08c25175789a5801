import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSubmitOnce } from '../../../lib/use-submit-once.ts';
import type { AdminAccount } from '../api/admins.ts';
import { useResendInvite } from '../api/admins.ts';

/**
 * One row's "Resend invite": its own request and its own guard, so a double click sends one resend
 * and a resend on its way leaves the other rows' buttons as they are. `onOutcome` hears the
 * failure (or null on success), for the page's one error message.
 */
export function ResendInviteButton({
  admin,
  onOutcome,
}: {
  admin: AdminAccount;
  onOutcome: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const resend = useResendInvite();
  const resendOnce = useSubmitOnce();
  return (
    <Button
      size="xs"
      variant="subtle"
      onClick={() =>
        resendOnce.run(() => resend.mutateAsync(admin.id), {
          onSuccess: () => onOutcome(null),
          onError: onOutcome,
        })
      }
      loading={resendOnce.pending}
      aria-label={t('admins.resendNamed', { email: admin.email })}
    >
      {resend.isSuccess ? t('admins.resent') : t('admins.resend')}
    </Button>
  );
}
