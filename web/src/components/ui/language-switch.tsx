import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n/i18n.ts';

/** English / Nederlands; the choice is kept by the language detector's localStorage cache. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('common.language')}
      value={currentLanguage()}
      onChange={(value) => void i18n.changeLanguage(value)}
      data={[
        { value: 'en', label: 'EN' },
        { value: 'nl', label: 'NL' },
      ]}
      data-testid="language-switch"
    />
  );
}
