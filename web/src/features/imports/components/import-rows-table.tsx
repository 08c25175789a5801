import { Badge, Group, List, Paper, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { tKey } from '../../../i18n/t-key.ts';
import type { FieldChange, ImportRow, RowAction } from '../api/import-types.ts';
import { messageText } from '../api/import-types.ts';
import { fieldChangeText } from './field-change-text.ts';
import { rowNumberText } from './import-row-range.ts';

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

/** A row's field changes (by column name) and its messages: the table's Details, a card's body. */
function RowDetails({ row, t }: { row: ImportRow; t: TFunction }) {
  const changes = changesOf(row);
  const rowFailed = row.status === 'error' || row.action === 'error';
  // Each message has the colour of its own issue: a warning on an error row stays a warning.
  const messages = (row.messages ?? [])
    .map((message, index) => ({
      text: messageText(message),
      severity: row.issues?.[index]?.severity ?? (rowFailed ? 'error' : 'warning'),
    }))
    .filter((message) => message.text);
  return (
    <>
      {changes.length > 0 ? (
        <List size="xs" spacing={2}>
          {changes.map((change) => (
            <List.Item key={change.field}>{fieldChangeText(change, t)}</List.Item>
          ))}
        </List>
      ) : null}
      {messages.map((message, index) => (
        <Text
          key={index}
          size="xs"
          c={message.severity === 'error' ? 'red.8' : 'orange.8'}
          data-severity={message.severity}
        >
          {message.text}
        </Text>
      ))}
    </>
  );
}

function ActionBadge({ action, t }: { action: RowAction; t: TFunction }) {
  return (
    <Badge color={actionColors[action] ?? 'gray'} style={{ flexShrink: 0 }}>
      {actionLabels[action] ? t(actionLabels[action]) : action}
    </Badge>
  );
}

/**
 * The dry-run preview and the results: per row its action, field changes and messages. A table on
 * wider screens; on a phone one card a row, so row, action and reasons fit without scrolling sideways.
 */
export function ImportRowsTable({ rows }: { rows: ImportRow[] }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  if (phone) {
    return (
      <Stack
        component="ul"
        gap="xs"
        p={0}
        m={0}
        data-testid="import-rows"
        aria-label={t('imports.rowsTable')}
      >
        {rows.map((row) => (
          <Paper
            component="li"
            key={row.row}
            withBorder
            p="xs"
            data-action={row.action}
            style={{ listStyle: 'none' }}
          >
            <Group justify="space-between" wrap="nowrap" gap="xs" mb={4}>
              <Text size="sm" fw={600}>
                {t('imports.rowNumber', { row: rowNumberText(row.row) })}
              </Text>
              <ActionBadge action={row.action} t={t} />
            </Group>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {row.email || '—'}
            </Text>
            <RowDetails row={row} t={t} />
          </Paper>
        ))}
      </Stack>
    );
  }
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
          {rows.map((row) => (
            <Table.Tr key={row.row} data-action={row.action}>
              <Table.Td>{rowNumberText(row.row)}</Table.Td>
              <Table.Td>{row.email || '—'}</Table.Td>
              <Table.Td>
                <ActionBadge action={row.action} t={t} />
              </Table.Td>
              <Table.Td>
                <RowDetails row={row} t={t} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
