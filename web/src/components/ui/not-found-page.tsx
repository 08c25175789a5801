import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from './page-header.tsx';

/**
 * An address the app does not know. A screen like the others: its main heading names the page (and
 * the document) and takes focus on arrival; the start page is the way on.
 */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('common.notFoundTitle')} description={t('common.notFoundText')} />
      <Anchor component={Link} to="/">
        {t('common.notFoundHome')}
      </Anchor>
    </>
  );
}
