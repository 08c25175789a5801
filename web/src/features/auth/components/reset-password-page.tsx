import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { AuthCardLayout } from '../../../components/ui/auth-card-layout.tsx';
import { useResetPassword } from '../api/account-flows.ts';
import { SetPasswordForm } from './set-password-form.tsx';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const params = useParams();
  const [searchParams] = useSearchParams();
  const token = params.token ?? searchParams.get('token') ?? '';
  const reset = useResetPassword();
  return (
    <AuthCardLayout title={t('auth.resetTitle')}>
      <SetPasswordForm
        onSubmit={(password) => reset.mutate({ token, password })}
        pending={reset.isPending}
        error={reset.error}
        done={reset.isSuccess}
        doneMessage={t('auth.resetDone')}
        errorTitle={t('auth.resetFailed')}
      />
    </AuthCardLayout>
  );
}
