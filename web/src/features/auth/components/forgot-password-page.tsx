import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AuthCardLayout } from '../../../components/ui/auth-card-layout.tsx';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { useRequestPasswordReset } from '../api/account-flows.ts';
import { useSubmitOnce } from '../../../lib/use-submit-once.ts';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const request = useRequestPasswordReset();
  const requestOnce = useSubmitOnce();
  const form = useForm({
    initialValues: { email: '' },
    validate: { email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : t('validation.email')) },
  });
  return (
    <AuthCardLayout title={t('auth.forgotTitle')} subtitle={t('auth.forgotSubtitle')}>
      {request.isSuccess ? (
        // The same answer whether or not the address has an account: the page must not reveal it.
        <Alert color="green">{t('auth.forgotSent')}</Alert>
      ) : (
        <form
          onSubmit={form.onSubmit((values) =>
            requestOnce.run(() => request.mutateAsync(values.email.trim())),
          )}
          noValidate
        >
          <Stack>
            {request.isError ? <ErrorAlert error={request.error} title={t('auth.forgotFailed')} /> : null}
            <TextInput label={t('auth.email')} type="email" required {...form.getInputProps('email')} />
            <Button type="submit" loading={requestOnce.pending}>
              {t('auth.sendResetLink')}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/login" size="sm">
        {t('auth.backToSignIn')}
      </Anchor>
    </AuthCardLayout>
  );
}
