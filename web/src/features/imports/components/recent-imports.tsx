import { Anchor, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Pager } from '../../../components/ui/pager.tsx';
import { StatusBadge } from '../../../components/ui/status-badge.tsx';
import { errorReportUrl } from '../api/import-job.ts';
import { useRecentImports } from '../api/list-imports.ts';

/** Earlier uploads with their outcome, so an admin can fetch an error report again later. */
export function RecentImports({ customerId }: { customerId: string }) {
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
                    {t('imports.outcomeCounts', {
                      add: job.counts?.add ?? 0,
                      modify: job.counts?.modify ?? 0,
                      remove: job.counts?.remove ?? 0,
                      count: job.counts?.error ?? 0,
                    })}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  {(job.counts?.error ?? 0) > 0 ? (
                    <Anchor href={errorReportUrl(customerId, job.id)} download size="sm">
                      {t('imports.errorReport')}
                    </Anchor>
                  ) : null}
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
