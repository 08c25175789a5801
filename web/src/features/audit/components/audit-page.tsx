import { useState } from 'react';
import { Paper, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { PagedTable } from '../../../components/ui/paged-table.tsx';
import { useAuditPages, useLocationNames } from '../api/audit.ts';
import { actionLabel, auditChangesText, targetLabel } from './audit-changes.ts';
import { ChangedFieldsText } from './changed-fields-text.tsx';
import { RawAuditDetails } from './raw-audit-details.tsx';

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const { customerId = '' } = useParams();
  const [action, setAction] = useState('');
  const [debounced] = useDebouncedValue(action, 300);
  const pages = useAuditPages(customerId, debounced);
  const locations = useLocationNames(customerId);
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' });
  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.description')} />
      <Paper>
        <TextInput
          mb="md"
          w={300}
          placeholder={t('audit.actionPlaceholder')}
          aria-label={t('audit.actionFilter')}
          value={action}
          onChange={(event) => setAction(event.currentTarget.value)}
        />
        <PagedTable
          pages={pages}
          label={t('audit.title')}
          minWidth={800}
          verticalSpacing="xs"
          empty={<EmptyState title={t('audit.empty')} />}
          head={
            <>
              <Table.Th w={180}>{t('audit.when')}</Table.Th>
              <Table.Th>{t('audit.actor')}</Table.Th>
              <Table.Th>{t('audit.action')}</Table.Th>
              <Table.Th>{t('audit.target')}</Table.Th>
              <Table.Th>{t('audit.changes')}</Table.Th>
            </>
          }
        >
          {pages.items.map((event) => (
            <Table.Tr key={event.id}>
              <Table.Td>
                <Text size="sm">{format.format(new Date(event.occurredAt))}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{event.actor.label ?? event.actor.id ?? event.actor.type}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{actionLabel(event.action, t)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{targetLabel(event.target.type, t)}</Text>
              </Table.Td>
              <Table.Td>
                <ChangedFieldsText text={auditChangesText(event, t, locations) || '—'} />
                <RawAuditDetails event={event} />
              </Table.Td>
            </Table.Tr>
          ))}
        </PagedTable>
      </Paper>
    </>
  );
}
