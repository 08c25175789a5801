import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { findPackage } from '../../../lib/package-catalog.ts';

export function PackageName({ id }: { id: string | null | undefined }) {
  const { t } = useTranslation();
  if (!id) {
    return (
      <Text span c="dimmed" size="sm">
        {t('users.noPackage')}
      </Text>
    );
  }
  const known = findPackage(id);
  return <>{known ? t(known.nameKey) : id}</>;
}
