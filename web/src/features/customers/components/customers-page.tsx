import { useState } from 'react';
import { Button, Group, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { PagedTable } from '../../../components/ui/paged-table.tsx';
import { StatusBadge } from '../../../components/ui/status-badge.tsx';
import { findPackage } from '../../../lib/package-catalog.ts';
import { useCanWrite } from '../../../lib/permissions.tsx';
import { useCustomerPages } from '../api/list-customers.ts';
import { soldPackages } from '../api/customer-types.ts';

const statuses = ['provisioning', 'provisioned', 'provisioned_with_errors', 'error', 'updating', 'deleting'];

export function CustomersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canWrite = useCanWrite();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [debouncedSearch] = useDebouncedValue(search, 300);
  const pages = useCustomerPages(debouncedSearch, status);

  return (
    <>
      <PageHeader
        title={t('customers.title')}
        description={t('customers.description')}
        actions={
          canWrite ? (
            <Button component={Link} to="/partner/customers/new">
              {t('customers.create')}
            </Button>
          ) : null
        }
      />
      <Paper>
        <Group mb="md" gap="sm" wrap="wrap">
          <TextInput
            placeholder={t('customers.searchPlaceholder')}
            aria-label={t('customers.search')}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            w={320}
            maw="100%"
          />
          <Select
            placeholder={t('customers.allStatuses')}
            aria-label={t('customers.statusFilter')}
            clearable
            value={status}
            onChange={setStatus}
            data={statuses.map((value) => ({ value, label: t(`status.${value}`) }))}
            w={220}
          />
        </Group>
        <PagedTable
          pages={pages}
          label={t('customers.title')}
          testId="customers-table"
          minWidth={720}
          empty={
            <EmptyState
              title={debouncedSearch || status ? t('customers.noMatches') : t('customers.empty')}
              description={
                debouncedSearch || status ? t('customers.noMatchesHint') : t('customers.emptyHint')
              }
            />
          }
          head={
            <>
              <Table.Th miw={200}>{t('customers.name')}</Table.Th>
              <Table.Th>{t('customers.externalId')}</Table.Th>
              <Table.Th>{t('customers.status')}</Table.Th>
              <Table.Th>{t('customers.packages')}</Table.Th>
            </>
          }
        >
          {pages.items.map((customer) => {
            const packageNames =
              soldPackages(customer)
                .map((sold) => {
                  const known = findPackage(sold.id);
                  return known ? t(known.nameKey) : sold.id;
                })
                .join(', ') || '—';
            return (
              <Table.Tr
                key={customer.id}
                style={{ cursor: 'pointer' }}
                onClick={() => void navigate(`/partner/customers/${customer.id}`)}
              >
                <Table.Td>
                  <Text
                    component={Link}
                    to={`/partner/customers/${customer.id}`}
                    fw={500}
                    c="blue.8"
                    onClick={(event) => event.stopPropagation()}
                  >
                    {customer.name}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{customer.externalId}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <StatusBadge status={customer.status} />
                </Table.Td>
                <Table.Td>
                  {/* Two lines hold the whole catalog at desktop width; the tooltip has all of it anyway. */}
                  <Text size="sm" c="dimmed" lineClamp={2} title={packageNames}>
                    {packageNames}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </PagedTable>
      </Paper>
    </>
  );
}
