import { Badge, List, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { tKey } from '../../../i18n/t-key.ts';
import type { FieldChange, ImportRow, RowAction } from '../api/import-types.ts';
import { messageText } from '../api/import-types.ts';

const actionColors: Record<RowAction, string> = {
  add: 'green',
  modify: 'blue',
  remove: 'grape',
  unchanged: 'gray',
  error: 'red',
};

const actionLabels: Record<RowAction, string> = {
  add: tKey('imports.action.add'),
  modify: tKey('imports.action.modify'),
  remove: tKey('imports.action.remove'),
  unchanged: tKey('imports.action.unchanged'),
  error: tKey('imports.action.error'),
};

function changesOf(row: ImportRow): FieldChange[] {
  if (!row.changes) return [];
  if (Array.isArray(row.changes)) return row.changes;
  return Object.entries(row.changes).map(([field, change]) => ({ field, ...change }));
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The dry-run preview and the results: per row its action, field changes and messages. */
export function ImportRowsTable({ rows }: { rows: ImportRow[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table data-testid="import-rows" aria-label={t('imports.rowsTable')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>{t('imports.row')}</Table.Th>
            <Table.Th>{t('users.email')}</Table.Th>
            <Table.Th w={130}>{t('imports.actionColumn')}</Table.Th>
            <Table.Th>{t('imports.details')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const changes = changesOf(row);
            const messages = (row.messages ?? []).map(messageText).filter(Boolean);
            return (
              <Table.Tr key={row.row} data-action={row.action}>
                <Table.Td>{row.row}</Table.Td>
                <Table.Td>{row.email || '—'}</Table.Td>
                <Table.Td>
                  <Badge color={actionColors[row.action] ?? 'gray'}>
                    {actionLabels[row.action] ? t(actionLabels[row.action]) : row.action}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {changes.length > 0 ? (
                    <List size="xs" spacing={2}>
                      {changes.map((change) => (
                        <List.Item key={change.field}>
                          {change.field}: {show(change.before)} → {show(change.after)}
                        </List.Item>
                      ))}
                    </List>
                  ) : null}
                  {messages.map((message, index) => (
                    <Text
                      key={index}
                      size="xs"
                      c={row.status === 'error' || row.action === 'error' ? 'red.8' : 'orange.8'}
                    >
                      {message}
                    </Text>
                  ))}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
