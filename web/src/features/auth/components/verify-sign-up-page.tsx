import { useEffect } from 'react';
import { Alert, Anchor, Loader, Stack, Text } from '@mantine/core';
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
        {/* Free accounts are not admin accounts (SPEC §5): they cannot sign in to the hub, so this page
            promises no sign-in; what happens next is a customer adding them and asking for consent. */}
        {verify.isSuccess ? (
          <Alert color="green" data-testid="sign-up-verified">
            <Text size="sm">{t('auth.verifyDone')}</Text>
            <Text size="sm" mt="xs">
              {t('auth.verifyNextStep')}
            </Text>
          </Alert>
        ) : null}
        {verify.isError ? <ErrorAlert error={verify.error} title={t('auth.verifyFailed')} /> : null}
        {!token ? <Alert color="red">{t('auth.verifyNoToken')}</Alert> : null}
        {verify.isError || !token ? (
          <Anchor component={Link} to="/signup" size="sm">
            {t('auth.signUpAgain')}
          </Anchor>
        ) : null}
      </Stack>
    </AuthCardLayout>
  );
}
