import { SegmentedControl, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage, saveLanguageChoice } from '../../i18n/i18n.ts';

/**
 * Each language as it shows (its code) and as it is read out: by its own name, in its own language
 * (`lang`), so a screen reader says "Nederlands" with Dutch rules instead of spelling "N L".
 */
function LanguageLabel({ code, name, lang }: { code: string; name: string; lang: string }) {
  return (
    <>
      <span aria-hidden="true">{code}</span>
      <VisuallyHidden lang={lang}>{name}</VisuallyHidden>
    </>
  );
}

/** English / Nederlands; the choice is kept in localStorage and wins over the browser's language. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      role="radiogroup"
      aria-label={t('common.languageSwitch')}
      value={currentLanguage()}
      onChange={(value) => void saveLanguageChoice(value === 'nl' ? 'nl' : 'en')}
      data={[
        { value: 'en', label: <LanguageLabel code="EN" name="English" lang="en" /> },
        { value: 'nl', label: <LanguageLabel code="NL" name="Nederlands" lang="nl" /> },
      ]}
      data-testid="language-switch"
    />
  );
}
