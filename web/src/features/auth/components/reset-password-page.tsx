import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { AuthCardLayout } from '../../../components/ui/auth-card-layout.tsx';
import { useResetPassword } from '../api/account-flows.ts';
import { SetPasswordForm } from './set-password-form.tsx';
import { useSubmitOnce } from '../../../lib/use-submit-once.ts';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const params = useParams();
  const [searchParams] = useSearchParams();
  const token = params.token ?? searchParams.get('token') ?? '';
  const reset = useResetPassword();
  const resetOnce = useSubmitOnce();
  return (
    <AuthCardLayout title={t('auth.resetTitle')}>
      <SetPasswordForm
        onSubmit={(password) => resetOnce.run(() => reset.mutateAsync({ token, password }))}
        pending={resetOnce.pending}
        error={reset.error}
        done={reset.isSuccess}
        doneMessage={t('auth.resetDone')}
        errorTitle={t('auth.resetFailed')}
      />
    </AuthCardLayout>
  );
}
