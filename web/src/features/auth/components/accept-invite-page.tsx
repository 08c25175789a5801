import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { AuthCardLayout } from '../../../components/ui/auth-card-layout.tsx';
import { useAcceptInvite } from '../api/account-flows.ts';
import { SetPasswordForm } from './set-password-form.tsx';
import { useSubmitOnce } from '../../../lib/use-submit-once.ts';

export function AcceptInvitePage() {
  const { t } = useTranslation();
  const params = useParams();
  const [searchParams] = useSearchParams();
  const token = params.token ?? searchParams.get('token') ?? '';
  const accept = useAcceptInvite();
  const acceptOnce = useSubmitOnce();
  return (
    <AuthCardLayout title={t('auth.inviteTitle')} subtitle={t('auth.inviteSubtitle')}>
      <SetPasswordForm
        onSubmit={(password) => acceptOnce.run(() => accept.mutateAsync({ token, password }))}
        pending={acceptOnce.pending}
        error={accept.error}
        done={accept.isSuccess}
        doneMessage={t('auth.inviteDone')}
        errorTitle={t('auth.inviteFailed')}
      />
    </AuthCardLayout>
  );
}
