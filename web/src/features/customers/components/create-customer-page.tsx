import { useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { wizardServerErrors } from './wizard-server-errors.ts';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { formatNumber } from '../../../i18n/number-formatter.ts';
import { sellablePackages } from '../../../lib/package-catalog.ts';
import { useCreateCustomer } from '../api/create-customer.ts';
import { countryName, countryOptions, rankCountries } from './country-options.ts';
import { timeZoneForCountry, timeZoneSelectData } from './time-zone-options.ts';
import type { CustomerWizardValues } from './customer-wizard-values.ts';
import {
  emptyWizardValues,
  sellsCalling,
  toNewCustomer,
  validateWizardStep,
  wizardSteps,
} from './customer-wizard-values.ts';
import { focusFirstInvalidField } from '../../../lib/invalid-field-focus.ts';
import { useSubmitOnce } from '../../../lib/use-submit-once.ts';

const languages = [
  { value: 'nl_NL', label: 'Nederlands' },
  { value: 'en_US', label: 'English (US)' },
  { value: 'en_GB', label: 'English (UK)' },
];

export function CreateCustomerPage() {
  const { t, i18n } = useTranslation();
  const uiLanguage = i18n.language?.startsWith('nl') ? 'nl' : 'en';
  const navigate = useNavigate();
  const create = useCreateCustomer();
  const [active, setActive] = useState(0);
  // A double click creates once; the guard stays set while the page goes to the new customer.
  const submitOnce = useSubmitOnce();
  const form = useForm<CustomerWizardValues>({
    initialValues: emptyWizardValues(sellablePackages.map((entry) => entry.id)),
  });
  const values = form.getValues();

  // A limit's error names its package: the reader sees which of six limits is wrong, and why.
  const showErrors = (errors: Record<string, string>) =>
    form.setErrors(
      Object.fromEntries(
        Object.entries(errors).map(([field, key]) => {
          const entry = sellablePackages.find((choice) => field === `packages.${choice.id}.limit`);
          return [field, entry ? t(key, { name: t(entry.nameKey) }) : t(key)];
        }),
      ),
    );
  const validateActive = (): boolean => {
    const step = wizardSteps[active];
    if (!step) return true;
    const errors = validateWizardStep(step, form.getValues());
    showErrors(errors);
    if (Object.keys(errors).length > 0) focusFirstInvalidField(document);
    return Object.keys(errors).length === 0;
  };
  const next = () => {
    if (validateActive()) setActive((current) => Math.min(current + 1, wizardSteps.length - 1));
  };
  const back = () => setActive((current) => Math.max(current - 1, 0));
  const submit = () => {
    for (const [index, step] of wizardSteps.entries()) {
      const errors = validateWizardStep(step, form.getValues());
      if (Object.keys(errors).length > 0) {
        setActive(index);
        showErrors(errors);
        focusFirstInvalidField(document);
        return;
      }
    }
    submitOnce.run(() => create.mutateAsync(toNewCustomer(form.getValues())), {
      stayLockedOnSuccess: true,
      onSuccess: (id) => void navigate(`/partner/customers/${id}`),
      // A refusal about a field (an External ID already used) sends the admin to the step holding it.
      onError: (error) => {
        const { byField, stepIndex } = wizardServerErrors(error, t);
        form.setErrors(byField);
        if (stepIndex !== null) setActive(stepIndex);
      },
    });
  };

  const calling = sellsCalling(values);
  const countries = countryOptions(uiLanguage);
  const countryLabel = values.country ? countryName(values.country, uiLanguage) : '';
  const chooseCountry = (code: string | null) => {
    form.setFieldValue('country', code ?? '');
    // Follow the country with the time zone unless the chosen one already belongs to it.
    form.setFieldValue('locationTimeZone', timeZoneForCountry(form.getValues().locationTimeZone, code ?? ''));
  };

  return (
    <>
      <PageHeader title={t('wizard.title')} description={t('wizard.description')} />
      <Paper>
        <Stepper active={active} onStepClick={(step) => step < active && setActive(step)} size="sm" mb="xl">
          <Stepper.Step label={t('wizard.stepOrganization')}>
            <SimpleGrid cols={{ base: 1, md: 2 }} mt="md">
              <TextInput label={t('customers.name')} required {...form.getInputProps('name')} />
              <TextInput
                label={t('customers.externalId')}
                description={t('wizard.externalIdHint')}
                required
                {...form.getInputProps('externalId')}
              />
              <TextInput
                label={t('customers.adminEmail')}
                description={t('wizard.adminEmailHint')}
                type="email"
                required
                {...form.getInputProps('adminEmail')}
              />
              <Select
                label={t('customers.language')}
                data={languages}
                allowDeselect={false}
                {...form.getInputProps('language')}
              />
            </SimpleGrid>
          </Stepper.Step>
          <Stepper.Step label={t('wizard.stepAddress')}>
            <SimpleGrid cols={{ base: 1, md: 2 }} mt="md">
              <TextInput
                label={t('address.line1')}
                required
                maxLength={50}
                {...form.getInputProps('addressLine1')}
              />
              <TextInput label={t('address.line2')} maxLength={50} {...form.getInputProps('addressLine2')} />
              <TextInput label={t('address.city')} required {...form.getInputProps('city')} />
              <TextInput label={t('address.zipCode')} {...form.getInputProps('zipCode')} />
              <Select
                label={t('address.country')}
                description={t('wizard.countryHint')}
                required
                searchable
                allowDeselect={false}
                data={countries}
                // "NL" puts the Netherlands first, not Finland ("FiNLand") by the alphabet.
                filter={({ options, search }) =>
                  rankCountries(
                    options.filter((option) => 'value' in option),
                    search,
                  )
                }
                nothingFoundMessage={t('wizard.nothingFound')}
                {...form.getInputProps('country')}
                onChange={chooseCountry}
              />
            </SimpleGrid>
          </Stepper.Step>
          <Stepper.Step label={t('wizard.stepPackages')}>
            <Text size="sm" c="dimmed" mt="md" mb="sm">
              {t('wizard.packagesHint')}
            </Text>
            {form.errors.packages ? (
              <Alert color="red" mb="sm" role="alert">
                {form.errors.packages}
              </Alert>
            ) : null}
            <Table withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('wizard.package')}</Table.Th>
                  <Table.Th w={200}>{t('wizard.limit')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sellablePackages.map((entry) => (
                  <Table.Tr key={entry.id}>
                    <Table.Td>
                      <Checkbox
                        label={t(entry.nameKey)}
                        {...form.getInputProps(`packages.${entry.id}.selected`, { type: 'checkbox' })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-label={t('wizard.limitFor', { name: t(entry.nameKey) })}
                        placeholder={t('wizard.noLimit')}
                        min={0}
                        // Never change what the admin typed (Mantine clamps -5 to 0 on blur): the
                        // step's check names the limit and the reason instead.
                        clampBehavior="none"
                        allowDecimal={false}
                        disabled={!values.packages[entry.id]?.selected}
                        size="xs"
                        // The server accepts 0 (sold, but nobody can hold it yet): allowed, and said.
                        description={
                          values.packages[entry.id]?.limit === 0 ? t('wizard.zeroLimit') : undefined
                        }
                        {...form.getInputProps(`packages.${entry.id}.limit`)}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stepper.Step>
          <Stepper.Step label={t('wizard.stepLocation')}>
            {calling ? (
              <>
                <Text size="sm" c="dimmed" mt="md" mb="sm">
                  {t('wizard.locationHint')}
                </Text>
                <SimpleGrid cols={{ base: 1, md: 2 }}>
                  <TextInput
                    label={t('locations.name')}
                    required
                    maxLength={80}
                    {...form.getInputProps('locationName')}
                  />
                  <Select
                    label={t('locations.timeZone')}
                    description={t('wizard.timeZoneHint')}
                    required
                    searchable
                    clearable
                    data={timeZoneSelectData(values.country, {
                      countryZones: t('wizard.countryTimeZones', { country: countryLabel }),
                      otherZones: t('wizard.otherTimeZones'),
                    })}
                    limit={100}
                    nothingFoundMessage={t('wizard.nothingFound')}
                    {...form.getInputProps('locationTimeZone')}
                    value={values.locationTimeZone || null}
                    onChange={(zone) => form.setFieldValue('locationTimeZone', zone ?? '')}
                  />
                  <TextInput
                    label={t('address.line1')}
                    required
                    maxLength={50}
                    {...form.getInputProps('locationAddressLine1')}
                  />
                  <TextInput label={t('address.city')} required {...form.getInputProps('locationCity')} />
                  <TextInput label={t('address.zipCode')} {...form.getInputProps('locationZipCode')} />
                </SimpleGrid>
              </>
            ) : (
              <Alert color="blue" mt="md">
                {t('wizard.noLocationNeeded')}
              </Alert>
            )}
          </Stepper.Step>
          <Stepper.Step label={t('wizard.stepReview')}>
            <Stack mt="md" gap="xs">
              <Text>
                <b>{t('customers.name')}:</b> {values.name}
              </Text>
              <Text>
                <b>{t('customers.externalId')}:</b> {values.externalId}
              </Text>
              <Text>
                <b>{t('customers.adminEmail')}:</b> {values.adminEmail}
              </Text>
              <Text>
                <b>{t('wizard.stepAddress')}:</b>{' '}
                {[values.addressLine1, values.zipCode, values.city, countryLabel].filter(Boolean).join(', ')}
              </Text>
              <Text>
                <b>{t('customers.packages')}:</b>{' '}
                {sellablePackages
                  .filter((entry) => values.packages[entry.id]?.selected)
                  .map((entry) => {
                    const limit = values.packages[entry.id]?.limit;
                    if (limit === '' || limit === undefined) return t(entry.nameKey);
                    // A limit is a count: 20,000 in English, 20.000 in Dutch, as "in use" says it.
                    const number = Number(limit);
                    const shown = Number.isInteger(number) ? formatNumber(number, i18n.language) : limit;
                    return `${t(entry.nameKey)} (${shown})`;
                  })
                  .join(', ')}
              </Text>
              {calling ? (
                <Text>
                  <b>{t('wizard.stepLocation')}:</b> {values.locationName}, {values.locationCity} (
                  {values.locationTimeZone})
                </Text>
              ) : null}
              {create.isError ? <ErrorAlert error={create.error} /> : null}
            </Stack>
          </Stepper.Step>
        </Stepper>
        <Group justify="space-between">
          <Button variant="default" onClick={active === 0 ? () => void navigate('/partner/customers') : back}>
            {active === 0 ? t('common.cancel') : t('common.back')}
          </Button>
          {active < wizardSteps.length - 1 ? (
            <Button onClick={next}>{t('common.next')}</Button>
          ) : (
            <Button onClick={submit} loading={submitOnce.pending} disabled={submitOnce.pending}>
              {t('wizard.create')}
            </Button>
          )}
        </Group>
      </Paper>
    </>
  );
}
