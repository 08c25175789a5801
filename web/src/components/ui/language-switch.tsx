import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage, saveLanguageChoice } from '../../i18n/i18n.ts';

/** English / Nederlands; the choice is kept in localStorage and wins over the browser's language. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('common.language')}
      value={currentLanguage()}
      onChange={(value) => void saveLanguageChoice(value === 'nl' ? 'nl' : 'en')}
      data={[
        { value: 'en', label: 'EN' },
        { value: 'nl', label: 'NL' },
      ]}
      data-testid="language-switch"
    />
  );
}
