import { Button, Group, Paper, Skeleton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { useCustomer } from '../api/get-customer.ts';
import { CustomerActions } from './customer-actions.tsx';
import { CustomerFacts } from './customer-facts.tsx';

/** What "Open Control Hub" lands on: the customer's overview, with the way on to Users. */
export function CustomerOverviewPage() {
  const { t } = useTranslation();
  const { customerId = '' } = useParams();
  const customer = useCustomer(customerId);
  return (
    <>
      <PageHeader
        title={t('overview.title')}
        description={customer.data?.name}
        actions={
          <Group>
            {customer.data ? <CustomerActions customer={customer.data} inPartnerHub={false} /> : null}
            <Button component={Link} to={`/control/${customerId}/users`}>
              {t('nav.users')}
            </Button>
          </Group>
        }
      />
      <Paper>
        {customer.isPending ? (
          <Skeleton h={200} />
        ) : customer.isError ? (
          <ErrorAlert error={customer.error} />
        ) : (
          <CustomerFacts customer={customer.data} />
        )}
      </Paper>
    </>
  );
}
