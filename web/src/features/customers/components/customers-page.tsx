import { useState } from 'react';
import { Button, Group, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { PagedTable } from '../../../components/ui/paged-table.tsx';
import { StatusBadge } from '../../../components/ui/status-badge.tsx';
import { pageNumberOf, useUrlPage } from '../../../components/ui/use-url-page.ts';
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
  // The page lives in the URL (?page=), so a reload or a shared link shows the same page.
  const [searchParams, setSearchParams] = useSearchParams();
  const pages = useCustomerPages(debouncedSearch, status, pageNumberOf(searchParams.get('page')));
  const urlPage = useUrlPage(pages, JSON.stringify([debouncedSearch.trim(), status]));
  // A new search or filter starts again at the first page: the page leaves the URL as it is typed.
  const toFirstPage = () =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete('page');
        return next;
      },
      { replace: true },
    );

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
            onChange={(event) => {
              setSearch(event.currentTarget.value);
              toFirstPage();
            }}
            w={320}
            maw="100%"
          />
          <Select
            placeholder={t('customers.allStatuses')}
            aria-label={t('customers.statusFilter')}
            clearable
            value={status}
            onChange={(value) => {
              setStatus(value);
              toFirstPage();
            }}
            data={statuses.map((value) => ({ value, label: t(`status.${value}`) }))}
            w={220}
          />
        </Group>
        <PagedTable
          pages={pages}
          urlPage={urlPage}
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
