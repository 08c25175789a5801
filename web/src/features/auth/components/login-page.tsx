import { Anchor, Button, Group, Stack, TextInput } from '@mantine/core';
import { PasswordField } from '../../../components/ui/password-field.tsx';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { AuthCardLayout } from '../../../components/ui/auth-card-layout.tsx';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { useLogin } from '../api/login.ts';
import { isPartnerRole } from '../api/get-me.ts';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const login = useLogin();
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : t('validation.email')),
      password: (value) => (value ? null : t('validation.required')),
    },
  });

  const submit = form.onSubmit((values) => {
    login.mutate(
      { email: values.email.trim(), password: values.password },
      {
        onSuccess: (admin) => {
          const back = searchParams.get('next');
          if (back && back.startsWith('/')) return void navigate(back);
          if (!isPartnerRole(admin.role) && admin.customerId)
            return void navigate(`/control/${admin.customerId}`);
          void navigate('/partner/customers');
        },
      },
    );
  });

  return (
    <AuthCardLayout title={t('auth.signInTitle')} subtitle={t('auth.signInSubtitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {login.isError ? <ErrorAlert error={login.error} title={t('auth.signInFailed')} signIn /> : null}
          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="username"
            required
            name="email"
            {...form.getInputProps('email')}
          />
          <PasswordField
            label={t('auth.password')}
            autoComplete="current-password"
            required
            name="password"
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={login.isPending} fullWidth>
            {t('auth.signIn')}
          </Button>
          <Group justify="space-between">
            <Anchor component={Link} to="/forgot-password" size="sm">
              {t('auth.forgotPassword')}
            </Anchor>
            <Anchor component={Link} to="/signup" size="sm">
              {t('auth.createFreeAccount')}
            </Anchor>
          </Group>
        </Stack>
      </form>
    </AuthCardLayout>
  );
}
