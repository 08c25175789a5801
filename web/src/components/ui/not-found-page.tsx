import { useTranslation } from 'react-i18next';
import { EmptyState } from './empty-state.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return <EmptyState title={t('common.notFoundTitle')} description={t('common.notFoundText')} />;
}
