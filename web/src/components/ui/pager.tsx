import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface PagerProps {
  pageNumber: number;
  /** The list's pages, where it knows them: "Page 3 of 12". */
  pageCount?: number | null;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  loading?: boolean;
}

export function Pager({
  pageNumber,
  pageCount,
  hasPrevious,
  hasNext,
  onPrevious,
  onNext,
  loading,
}: PagerProps) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="sm" mt="sm" aria-label={t('common.paging')} role="navigation">
      <Text size="sm" c="dimmed" aria-live="polite">
        {pageCount
          ? t('common.pageOf', { page: pageNumber, pages: pageCount })
          : t('common.page', { page: pageNumber })}
      </Text>
      <Button variant="default" size="xs" disabled={!hasPrevious} onClick={onPrevious}>
        {t('common.previous')}
      </Button>
      <Button
        variant="default"
        size="xs"
        disabled={!hasNext}
        onClick={onNext}
        loading={loading === true && hasNext}
      >
        {t('common.next')}
      </Button>
    </Group>
  );
}
