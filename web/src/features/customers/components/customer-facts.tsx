import type { ReactNode } from 'react';
import { Alert, Badge, Group, List, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../../../components/ui/status-badge.tsx';
import { findPackage } from '../../../lib/package-catalog.ts';
import { provisioningErrorText } from '../../../lib/provisioning-error.ts';
import type { Customer } from '../api/customer-types.ts';
import { isSettled, soldPackages } from '../api/customer-types.ts';
import { languageName } from './language-name.ts';

function Fact({ label, value }: { label: string; value: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" component="div">
        {value || '—'}
      </Text>
    </Stack>
  );
}

/** The customer's fields, packages and provisioning state: shared by Partner Hub detail and the overview. */
export function CustomerFacts({ customer }: { customer: Customer }) {
  const { t, i18n } = useTranslation();
  const address = customer.address ?? {
    addressLine1: customer.addressLine1,
    city: customer.city,
    country: customer.country ?? '',
  };
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <Fact
          label={t('customers.status')}
          value={
            <Group gap="xs">
              <StatusBadge status={customer.status} />
              {!isSettled(customer.status) ? (
                <Text size="xs" c="dimmed" aria-live="polite">
                  {t('customers.statusLive')}
                </Text>
              ) : null}
            </Group>
          }
        />
        <Fact label={t('customers.externalId')} value={customer.externalId} />
        <Fact label={t('customers.adminEmail')} value={customer.adminEmail ?? customer.primaryEmail} />
        <Fact
          label={t('wizard.stepAddress')}
          value={[address.addressLine1, address.zipCode, address.city, customer.country]
            .filter(Boolean)
            .join(', ')}
        />
        <Fact
          label={t('customers.language')}
          value={customer.language ? languageName(customer.language, i18n.language) : null}
        />
        <Fact
          label={t('customers.packages')}
          value={
            <Group gap={6}>
              {soldPackages(customer).map((sold) => {
                const known = findPackage(sold.id);
                const name = known ? t(known.nameKey) : sold.id;
                const usage =
                  sold.limit !== undefined && sold.limit !== null
                    ? t('customers.usedOfLimit', { used: sold.used ?? 0, limit: sold.limit })
                    : sold.used !== undefined
                      ? t('customers.usedNoLimit', { used: sold.used })
                      : null;
                return (
                  <Badge key={sold.id} color="gray" tt="none">
                    {usage ? `${name} · ${usage}` : name}
                  </Badge>
                );
              })}
            </Group>
          }
        />
      </SimpleGrid>
      {customer.errors && customer.errors.length > 0 ? (
        <Alert color="red" title={t('customers.provisioningErrors')}>
          <List size="sm">
            {customer.errors.map((error, index) => (
              <List.Item key={`${error.code}-${index}`}>
                {provisioningErrorText(error, t)} ({error.code})
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
    </Stack>
  );
}
