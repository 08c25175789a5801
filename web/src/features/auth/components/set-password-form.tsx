import { Alert, Anchor, Button, Stack } from '@mantine/core';
import { PasswordField } from '../../../components/ui/password-field.tsx';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { minimumPasswordLength, passwordProblem } from './password-rules.ts';

interface SetPasswordFormProps {
  onSubmit: (password: string) => void;
  pending: boolean;
  error: unknown;
  done: boolean;
  doneMessage: string;
  /** What failed, in the page's words ("The password could not be reset"). */
  errorTitle: string;
}

/** Shared by the invite and password-reset pages: choose a password, confirm it, done. */
export function SetPasswordForm({
  onSubmit,
  pending,
  error,
  done,
  doneMessage,
  errorTitle,
}: SetPasswordFormProps) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { password: '', confirm: '' },
    validate: {
      password: (value) => {
        const problem = passwordProblem(value);
        return problem ? t(problem, { count: minimumPasswordLength }) : null;
      },
      confirm: (value, values) => (value === values.password ? null : t('validation.passwordsDiffer')),
    },
  });
  if (done) {
    return (
      <Stack>
        <Alert color="green">{doneMessage}</Alert>
        <Anchor component={Link} to="/login">
          {t('auth.goToSignIn')}
        </Anchor>
      </Stack>
    );
  }
  return (
    <form onSubmit={form.onSubmit((values) => onSubmit(values.password))} noValidate>
      <Stack>
        {error ? <ErrorAlert error={error} title={errorTitle} /> : null}
        <PasswordField
          label={t('auth.newPassword')}
          autoComplete="new-password"
          required
          {...form.getInputProps('password')}
        />
        <PasswordField
          label={t('auth.confirmPassword')}
          autoComplete="new-password"
          required
          {...form.getInputProps('confirm')}
        />
        <Button type="submit" loading={pending}>
          {t('auth.setPassword')}
        </Button>
      </Stack>
    </form>
  );
}
