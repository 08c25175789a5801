import { useState } from 'react';
import { Paper, Select, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { PagedTable } from '../../../components/ui/paged-table.tsx';
import { useAuditPages } from '../api/audit.ts';
import { actionLabel, actionLabels, auditChangesText, targetLabel } from './audit-changes.ts';
import { actorLabel } from './audit-actor-label.ts';
import { ChangedFieldsText } from './changed-fields-text.tsx';
import { RawAuditDetails } from './raw-audit-details.tsx';

/** The action filter's choices: the actions' names, alphabetical; the value is the code. */
function actionOptions(t: TFunction): { value: string; label: string }[] {
  return Object.keys(actionLabels)
    .map((code) => ({ value: code, label: actionLabel(code, t) }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const { customerId = '' } = useParams();
  const [action, setAction] = useState<string | null>(null);
  const pages = useAuditPages(customerId, action ?? '');
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' });
  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.description')} />
      <Paper>
        {/* The API filters by code prefix: an action also finds its outcomes (`user.repair` finds
            `user.repair.failed`), which belong with it. */}
        {/* As wide as the page allows, up to 360 px: a fixed width would push a phone's page sideways. */}
        <Select
          mb="md"
          w="100%"
          maw={360}
          placeholder={t('audit.actionPlaceholder')}
          aria-label={t('audit.actionFilter')}
          data={actionOptions(t)}
          value={action}
          onChange={setAction}
          searchable
          clearable
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
                <Text size="sm">{actorLabel(event.actor, t)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{actionLabel(event.action, t)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{targetLabel(event.target.type, t)}</Text>
              </Table.Td>
              <Table.Td>
                <ChangedFieldsText text={auditChangesText(event, t) || '—'} />
                <RawAuditDetails event={event} />
              </Table.Td>
            </Table.Tr>
          ))}
        </PagedTable>
      </Paper>
    </>
  );
}
