import { useEffect } from 'react';
import { Alert, Anchor, Loader, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { AuthCardLayout } from '../../../components/ui/auth-card-layout.tsx';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { useVerifySignUp } from '../api/account-flows.ts';

/** The emailed sign-up link: confirms the address once, on arrival. */
export function VerifySignUpPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const verify = useVerifySignUp();
  const { mutate } = verify;
  useEffect(() => {
    if (token) mutate(token);
  }, [token, mutate]);
  return (
    <AuthCardLayout title={t('auth.verifyTitle')}>
      <Stack>
        {verify.isPending ? <Loader aria-label={t('common.loading')} /> : null}
        {verify.isSuccess ? <Alert color="green">{t('auth.verifyDone')}</Alert> : null}
        {verify.isError ? <ErrorAlert error={verify.error} /> : null}
        {!token ? <Alert color="red">{t('auth.verifyNoToken')}</Alert> : null}
        <Anchor component={Link} to="/login" size="sm">
          {t('auth.backToSignIn')}
        </Anchor>
      </Stack>
    </AuthCardLayout>
  );
}
