import { Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Rows of the same height as the table they stand in for, so nothing jumps when data arrives. */
export function TableSkeleton({ rows = 8 }: { rows?: number }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6} aria-busy="true" aria-label={t('common.loading')}>
      {Array.from({ length: rows }, (_, index) => (
        <Skeleton key={index} height={38} radius="sm" />
      ))}
    </Stack>
  );
}
