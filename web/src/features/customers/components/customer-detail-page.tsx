import { Anchor, Button, Group, Paper, Skeleton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { isApiError } from '../../../lib/api-error.ts';
import { useCustomer } from '../api/get-customer.ts';
import { CustomerActions } from './customer-actions.tsx';
import { CustomerFacts } from './customer-facts.tsx';

export function CustomerDetailPage() {
  const { t } = useTranslation();
  const { customerId = '' } = useParams();
  const customer = useCustomer(customerId);
  const back = (
    <Anchor component={Link} to="/partner/customers" size="sm">
      ← {t('nav.customers')}
    </Anchor>
  );
  if (customer.isPending) {
    return (
      <>
        <PageHeader above={back} title={<Skeleton h={32} w={260} />} />
        <Skeleton h={220} radius="md" />
      </>
    );
  }
  if (customer.isError) {
    // An unknown (or deleted) customer is not a failure to load: say it is not there.
    const notFound = isApiError(customer.error) && customer.error.status === 404;
    return (
      <>
        <PageHeader above={back} title={t('customers.title')} />
        {notFound ? (
          <EmptyState title={t('common.notFoundTitle')} description={t('common.notFoundText')} />
        ) : (
          <ErrorAlert error={customer.error} action="load" onRetry={() => void customer.refetch()} />
        )}
      </>
    );
  }
  return (
    <>
      <PageHeader
        above={back}
        title={customer.data.name}
        actions={
          <Group gap="xs">
            <CustomerActions customer={customer.data} inPartnerHub />
            {/* While it is being deleted the server refuses every change there: nothing to open. */}
            {customer.data.status === 'deleting' ? null : (
              <Button component={Link} to={`/control/${customer.data.id}`} data-testid="open-control-hub">
                {t('customers.openControlHub')}
              </Button>
            )}
          </Group>
        }
      />
      <Paper>
        <CustomerFacts customer={customer.data} />
      </Paper>
    </>
  );
}
