import { Anchor, Button, Group, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Pager } from '../../../components/ui/pager.tsx';
import { StatusBadge } from '../../../components/ui/status-badge.tsx';
import { errorReportUrl } from '../api/import-job.ts';
import type { ImportJob } from '../api/import-types.ts';
import { useRecentImports } from '../api/list-imports.ts';

/**
 * Earlier uploads with their outcome; each opens again (`onOpen`) to see its rows, or to apply a
 * checked dry run, and an error report can be fetched again later.
 */
export function RecentImports({
  customerId,
  onOpen,
}: {
  customerId: string;
  onOpen: (job: ImportJob) => void;
}) {
  const { t, i18n } = useTranslation();
  const imports = useRecentImports(customerId);
  const items = imports.items;
  // No history yet: nothing to show. An empty later page (an import expired meanwhile) keeps the pager.
  if (items.length === 0 && !imports.hasPrevious) return null;
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Paper>
      <Title order={2} size="h4" mb="sm">
        {t('imports.recentTitle')}
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table aria-label={t('imports.recentTitle')} style={{ opacity: imports.isPlaceholderData ? 0.6 : 1 }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('audit.when')}</Table.Th>
              <Table.Th>{t('imports.file')}</Table.Th>
              <Table.Th>{t('users.status')}</Table.Th>
              <Table.Th>{t('imports.outcome')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((job) => (
              <Table.Tr key={job.id}>
                <Table.Td>{job.createdAt ? format.format(new Date(job.createdAt)) : '—'}</Table.Td>
                <Table.Td>
                  <Text size="sm" truncate maw={240}>
                    {job.fileName ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={job.status} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {/* A dry run not applied (applying clears dryRun) changed nothing: say what it would do. */}
                    {t(job.dryRun ? 'imports.outcomeCountsWould' : 'imports.outcomeCounts', {
                      add: job.counts?.add ?? 0,
                      modify: job.counts?.modify ?? 0,
                      remove: job.counts?.remove ?? 0,
                      count: job.counts?.error ?? 0,
                    })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap="sm" justify="flex-end" wrap="nowrap">
                    {(job.counts?.error ?? 0) > 0 ? (
                      <Anchor href={errorReportUrl(customerId, job.id)} download size="sm">
                        {t('imports.errorReport')}
                      </Anchor>
                    ) : null}
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => onOpen(job)}
                      aria-label={t('imports.openImportNamed', { name: job.fileName ?? job.id })}
                    >
                      {t('imports.openImport')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {imports.hasNext || imports.hasPrevious ? (
        <Pager
          pageNumber={imports.pageNumber}
          hasPrevious={imports.hasPrevious}
          hasNext={imports.hasNext}
          onPrevious={imports.goPrevious}
          onNext={imports.goNext}
          loading={imports.isFetching}
        />
      ) : null}
    </Paper>
  );
}
