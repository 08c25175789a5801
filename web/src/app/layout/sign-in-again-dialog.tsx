import { Anchor, Button, Modal, Stack, Text, TextInput } from '@mantine/core';
import { PasswordField } from '../../components/ui/password-field.tsx';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ErrorAlert } from '../../components/ui/error-alert.tsx';
import { useLogin } from '../../features/auth/api/login.ts';

/**
 * The session ended while the admin was working (signed out in another tab, expired). Signing in
 * again here keeps the screen under it as it was, a half-filled form included: the admin then
 * saves again. The sign-in page (with `next` back here) stays one link away, at the cost of what
 * was typed.
 */
export function SignInAgainDialog({ email }: { email: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const login = useLogin();
  const form = useForm({
    initialValues: { email, password: '' },
    validate: {
      email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : t('validation.email')),
      password: (value) => (value ? null : t('validation.required')),
    },
  });
  const next = encodeURIComponent(location.pathname + location.search);
  const submit = form.onSubmit((values) => {
    // Signing in closes this dialog; RequireAuth then loads again what failed with the 401.
    login.mutate({ email: values.email.trim(), password: values.password });
  });
  return (
    <Modal
      opened
      onClose={() => undefined}
      withCloseButton={false}
      closeOnEscape={false}
      closeOnClickOutside={false}
      title={t('common.sessionEndedTitle')}
      data-testid="sign-in-again"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('common.sessionEndedText')}</Text>
          {login.isError ? <ErrorAlert error={login.error} title={t('auth.signInFailed')} signIn /> : null}
          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="username"
            required
            {...form.getInputProps('email')}
          />
          <PasswordField
            label={t('auth.password')}
            autoComplete="current-password"
            required
            data-autofocus
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={login.isPending} fullWidth>
            {t('auth.signIn')}
          </Button>
          <Anchor component={Link} to={`/login?next=${next}`} size="sm" ta="center">
            {t('auth.goToSignIn')}
          </Anchor>
        </Stack>
      </form>
    </Modal>
  );
}
