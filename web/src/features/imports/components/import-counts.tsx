import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../i18n/number-formatter.ts';
import { tKey } from '../../../i18n/t-key.ts';
import type { ImportCounts as Counts } from '../api/import-types.ts';

const entries = [
  { key: 'add', label: tKey('imports.action.add'), color: 'green' },
  { key: 'modify', label: tKey('imports.action.modify'), color: 'blue' },
  { key: 'remove', label: tKey('imports.action.remove'), color: 'grape' },
  { key: 'unchanged', label: tKey('imports.action.unchanged'), color: 'gray' },
  { key: 'error', label: tKey('imports.action.error'), color: 'red' },
  { key: 'warning', label: tKey('imports.warnings'), color: 'yellow' },
] as const;

export function ImportCounts({ counts }: { counts: Counts | undefined }) {
  const { t, i18n } = useTranslation();
  return (
    <Group gap="xs" data-testid="import-counts">
      {entries.map((entry) => (
        <Badge key={entry.key} color={entry.color} size="lg" data-count={entry.key}>
          {t(entry.label)}: {formatNumber(counts?.[entry.key] ?? 0, i18n.language)}
        </Badge>
      ))}
    </Group>
  );
}
