import { Alert, Anchor, Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AuthCardLayout } from '../../../components/ui/auth-card-layout.tsx';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { useSignUp } from '../api/account-flows.ts';
import { useSubmitOnce } from '../../../lib/use-submit-once.ts';

/** Free-account sign-up (SPEC §5): the address is verified through an email before the account works. */
export function SignUpPage() {
  const { t } = useTranslation();
  const signUp = useSignUp();
  const signUpOnce = useSubmitOnce();
  const form = useForm({
    initialValues: { firstName: '', lastName: '', email: '' },
    validate: {
      firstName: (value) => (value.trim() ? null : t('validation.required')),
      lastName: (value) => (value.trim() ? null : t('validation.required')),
      email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : t('validation.email')),
    },
  });
  return (
    <AuthCardLayout title={t('auth.signUpTitle')} subtitle={t('auth.signUpSubtitle')}>
      {signUp.isSuccess ? (
        <Alert color="green">{t('auth.signUpDone')}</Alert>
      ) : (
        <form
          onSubmit={form.onSubmit((values) =>
            signUpOnce.run(() => signUp.mutateAsync({ ...values, email: values.email.trim() })),
          )}
          noValidate
        >
          <Stack>
            {signUp.isError ? <ErrorAlert error={signUp.error} title={t('auth.signUpFailed')} /> : null}
            <Group grow>
              <TextInput label={t('users.firstName')} required {...form.getInputProps('firstName')} />
              <TextInput label={t('users.lastName')} required {...form.getInputProps('lastName')} />
            </Group>
            <TextInput label={t('auth.email')} type="email" required {...form.getInputProps('email')} />
            <Button type="submit" loading={signUpOnce.pending}>
              {t('auth.signUp')}
            </Button>
          </Stack>
        </form>
      )}
      {/* For an admin who came here by mistake; once signed up, a free account has no sign-in here. */}
      {!signUp.isSuccess ? (
        <Anchor component={Link} to="/login" size="sm">
          {t('auth.backToSignIn')}
        </Anchor>
      ) : null}
    </AuthCardLayout>
  );
}
