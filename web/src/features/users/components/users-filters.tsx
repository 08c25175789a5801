import { memo, useMemo } from 'react';
import { Group, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { userPackages } from '../../../lib/package-catalog.ts';

const statuses = ['provisioned', 'pending_user_migration', 'error'];

export type UserFilterName = 'package' | 'status';

interface UsersFiltersProps {
  readonly search: string;
  readonly packageFilter: string | null;
  readonly status: string | null;
  readonly onSearchChange: (value: string) => void;
  readonly onFilterChange: (name: UserFilterName, value: string | null) => void;
}

/**
 * The users list's search box and filters. Memoised (with stable callbacks from the page): Mantine's
 * inputs and selects are costly to render, and the page re-renders on every step of paging.
 */
export const UsersFilters = memo(function UsersFilters({
  search,
  packageFilter,
  status,
  onSearchChange,
  onFilterChange,
}: UsersFiltersProps) {
  const { t } = useTranslation();
  const packageChoices = useMemo(
    () => [
      { value: 'none', label: t('users.noPackage') },
      ...userPackages.map((entry) => ({ value: entry.id, label: t(entry.nameKey) })),
    ],
    [t],
  );
  const statusChoices = useMemo(() => statuses.map((value) => ({ value, label: t(`status.${value}`) })), [t]);
  return (
    <Group mb="md" gap="sm" wrap="wrap">
      <TextInput
        placeholder={t('users.searchPlaceholder')}
        aria-label={t('users.search')}
        value={search}
        onChange={(event) => onSearchChange(event.currentTarget.value)}
        w={300}
        maw="100%"
      />
      <Select
        placeholder={t('users.allPackages')}
        aria-label={t('users.packageFilter')}
        clearable
        value={packageFilter}
        onChange={(value) => onFilterChange('package', value)}
        data={packageChoices}
        w={220}
      />
      <Select
        placeholder={t('customers.allStatuses')}
        aria-label={t('users.statusFilter')}
        clearable
        value={status}
        onChange={(value) => onFilterChange('status', value)}
        data={statusChoices}
        w={220}
      />
    </Group>
  );
});
