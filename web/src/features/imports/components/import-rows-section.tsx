import { useState } from 'react';
import { Button, Group, SegmentedControl, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { TableSkeleton } from '../../../components/ui/table-skeleton.tsx';
import { importRowsPageSize, useImportRowPages } from '../api/import-job.ts';
import type { ImportCounts } from '../api/import-types.ts';
import type { RowFilter, ShownRows } from './import-row-range.ts';
import { rowRange, rowsMatching, shownRowsLabel } from './import-row-range.ts';
import { ImportRowsTable } from './import-rows-table.tsx';

interface ImportRowsSectionProps {
  customerId: string;
  jobId: string;
  phase: 'dry-run' | 'apply';
  counts: ImportCounts | undefined;
  /** Rows are read once the phase is done (validated, or applied). */
  ready: boolean;
}

/**
 * The dry-run preview or the results, a page at a time: every row of the file can be reached with
 * previous/next, "rows X–Y of N" says where the page is, and the filter (all rows or errors only)
 * stays while paging. Mount it with a `key` per job and phase so a new job starts on its first page.
 */
export function ImportRowsSection({ customerId, jobId, phase, counts, ready }: ImportRowsSectionProps) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<RowFilter>('all');
  const rows = useImportRowPages(customerId, jobId, phase, filter === 'error' ? 'error' : null, ready);
  const total = rowsMatching(counts, filter);
  const loaded = rows.data !== undefined && !rows.isPlaceholderData;
  const position = loaded ? rowRange(rows.pageNumber, importRowsPageSize, rows.items.length, total) : null;
  const firstRow = rows.items[0]?.row;
  const lastRow = rows.items[rows.items.length - 1]?.row;
  const current: ShownRows | null =
    position && firstRow !== undefined && lastRow !== undefined
      ? { ...position, first: firstRow, last: lastRow }
      : null;
  // While the next page loads the previous one stays on screen: so does its range, and the
  // buttons wait (the cursor of the page on screen is not the one to move from).
  const [shownRange, setShownRange] = useState(current);
  if (loaded && JSON.stringify(shownRange) !== JSON.stringify(current)) setShownRange(current);
  const range = loaded ? current : shownRange;
  // "5 rows" when all are shown, else "Rows 2–101 of the file (1–100 of 301)".
  const label = range ? shownRowsLabel(range) : null;
  const rangeText = label ? t(label.key, label.values) : null;
  // A full last page still carries a next link (to an empty page): the counts know better.
  const hasNext = loaded && rows.hasNext && !(total > 0 && range !== null && range.to >= total);
  const hasPrevious = loaded && rows.hasPrevious;
  return (
    <>
      <Group justify="space-between" mb="sm">
        <SegmentedControl
          value={filter}
          onChange={(value) => setFilter(value === 'error' ? 'error' : 'all')}
          data={[
            { value: 'all', label: t('imports.allRows') },
            { value: 'error', label: t('imports.errorRows') },
          ]}
        />
        {range ? (
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="import-rows-range">
            {rangeText}
          </Text>
        ) : null}
      </Group>
      {rows.isPending && ready ? <TableSkeleton rows={5} /> : null}
      {rows.isError ? <ErrorAlert error={rows.error} /> : null}
      {rows.data ? <ImportRowsTable rows={rows.items} /> : null}
      {rows.data && rows.items.length === 0 ? (
        <Text size="sm" c="dimmed" mt="sm">
          {t('imports.noRows')}
        </Text>
      ) : null}
      {range || rows.hasPrevious ? (
        <Group justify="flex-end" gap="sm" mt="sm" role="navigation" aria-label={t('imports.rowPages')}>
          <Text size="sm" c="dimmed">
            {rangeText}
          </Text>
          <Button variant="default" size="xs" disabled={!hasPrevious} onClick={rows.goPrevious}>
            {t('common.previous')}
          </Button>
          <Button
            variant="default"
            size="xs"
            disabled={!hasNext}
            onClick={rows.goNext}
            loading={rows.isPlaceholderData}
          >
            {t('common.next')}
          </Button>
        </Group>
      ) : null}
    </>
  );
}
