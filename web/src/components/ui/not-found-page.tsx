import { useTranslation } from 'react-i18next';
import { EmptyState } from './empty-state.tsx';
import { useDocumentTitle } from './use-document-title.ts';

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle([t('common.notFoundTitle')]);
  return <EmptyState title={t('common.notFoundTitle')} description={t('common.notFoundText')} />;
}
