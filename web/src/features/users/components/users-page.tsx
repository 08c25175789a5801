import { useState } from 'react';
import { Badge, Group, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { Pager } from '../../../components/ui/pager.tsx';
import { StatusBadge } from '../../../components/ui/status-badge.tsx';
import { TableSkeleton } from '../../../components/ui/table-skeleton.tsx';
import { userPackages } from '../../../lib/package-catalog.ts';
import { useUserPages } from '../api/list-users.ts';
import { fullName } from '../api/user-types.ts';
import { ManageUsersMenu } from './manage-users-menu.tsx';
import { PackageName } from './package-name.tsx';

const statuses = ['provisioned', 'pending_user_migration', 'error'];

export function UsersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { customerId = '' } = useParams();
  const [search, setSearch] = useState('');
  const [packageFilter, setPackageFilter] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [debouncedSearch] = useDebouncedValue(search, 300);
  const pages = useUserPages(customerId, { search: debouncedSearch, package: packageFilter, status });
  const filtered = Boolean(debouncedSearch || packageFilter || status);

  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        actions={<ManageUsersMenu customerId={customerId} />}
      />
      <Paper>
        <Group mb="md" gap="sm" wrap="wrap">
          <TextInput
            placeholder={t('users.searchPlaceholder')}
            aria-label={t('users.search')}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            w={300}
            maw="100%"
          />
          <Select
            placeholder={t('users.allPackages')}
            aria-label={t('users.packageFilter')}
            clearable
            value={packageFilter}
            onChange={setPackageFilter}
            data={[
              { value: 'none', label: t('users.noPackage') },
              ...userPackages.map((entry) => ({ value: entry.id, label: t(entry.nameKey) })),
            ]}
            w={220}
          />
          <Select
            placeholder={t('customers.allStatuses')}
            aria-label={t('users.statusFilter')}
            clearable
            value={status}
            onChange={setStatus}
            data={statuses.map((value) => ({ value, label: t(`status.${value}`) }))}
            w={220}
          />
        </Group>
        {pages.isPending ? (
          <TableSkeleton />
        ) : pages.isError ? (
          <ErrorAlert error={pages.error} />
        ) : pages.items.length === 0 ? (
          <EmptyState
            title={filtered ? t('users.noMatches') : t('users.empty')}
            description={filtered ? t('customers.noMatchesHint') : t('users.emptyHint')}
          />
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table aria-label={t('users.title')} data-testid="users-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('users.name')}</Table.Th>
                  <Table.Th>{t('users.email')}</Table.Th>
                  <Table.Th>{t('users.package')}</Table.Th>
                  <Table.Th>{t('users.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody style={{ opacity: pages.isPlaceholderData ? 0.6 : 1 }}>
                {pages.items.map((user) => {
                  const to = `/control/${customerId}/users/${user.id}`;
                  return (
                    <Table.Tr key={user.id} style={{ cursor: 'pointer' }} onClick={() => void navigate(to)}>
                      <Table.Td>
                        <Text
                          component={Link}
                          to={to}
                          fw={500}
                          c="blue.8"
                          onClick={(event) => event.stopPropagation()}
                        >
                          {fullName(user)}
                        </Text>
                      </Table.Td>
                      <Table.Td>{user.email}</Table.Td>
                      <Table.Td>
                        <PackageName id={user.package} />
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          <StatusBadge status={user.status} />
                          {user.suspended ? <Badge color="gray">{t('status.suspended')}</Badge> : null}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Pager
          pageNumber={pages.pageNumber}
          hasPrevious={pages.hasPrevious}
          hasNext={pages.hasNext}
          onPrevious={pages.goPrevious}
          onNext={pages.goNext}
          loading={pages.isFetching}
        />
      </Paper>
    </>
  );
}
