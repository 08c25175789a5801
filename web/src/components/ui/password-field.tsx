import { PasswordInput } from '@mantine/core';
import type { PasswordInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Mantine's password field with its show-password button named in the app's language: Mantine
 * names it "Toggle password visibility" whatever the language, which a Dutch screen reader user
 * heard on the sign-in page. Its pressed state says whether the password shows.
 */
export function PasswordField({ visibilityToggleButtonProps, ...props }: PasswordInputProps) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      {...props}
      visibilityToggleButtonProps={{ 'aria-label': t('auth.showPassword'), ...visibilityToggleButtonProps }}
    />
  );
}
