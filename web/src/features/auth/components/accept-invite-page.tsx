import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { AuthCardLayout } from '../../../components/ui/auth-card-layout.tsx';
import { useAcceptInvite } from '../api/account-flows.ts';
import { SetPasswordForm } from './set-password-form.tsx';

export function AcceptInvitePage() {
  const { t } = useTranslation();
  const params = useParams();
  const [searchParams] = useSearchParams();
  const token = params.token ?? searchParams.get('token') ?? '';
  const accept = useAcceptInvite();
  return (
    <AuthCardLayout title={t('auth.inviteTitle')} subtitle={t('auth.inviteSubtitle')}>
      <SetPasswordForm
        onSubmit={(password) => accept.mutate({ token, password })}
        pending={accept.isPending}
        error={accept.error}
        done={accept.isSuccess}
        doneMessage={t('auth.inviteDone')}
        errorTitle={t('auth.inviteFailed')}
      />
    </AuthCardLayout>
  );
}
