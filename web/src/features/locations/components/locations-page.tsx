import { Button, Group, Modal, Paper, SimpleGrid, Table, TextInput, VisuallyHidden } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { TableSkeleton } from '../../../components/ui/table-skeleton.tsx';
import { sortErrorsByField } from '../../../lib/field-errors.ts';
import { useCanWrite } from '../../../lib/permissions.tsx';
import type { Location } from '../api/locations.ts';
import { useCreateLocation, useDeleteLocation, useLocations } from '../api/locations.ts';
import { EditLocationButton } from './edit-location-button.tsx';
import { useSubmitOnce } from '../../../lib/use-submit-once.ts';

function AddLocationDialog({
  customerId,
  opened,
  onClose,
}: {
  customerId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreateLocation(customerId);
  const createOnce = useSubmitOnce();
  const form = useForm({
    initialValues: {
      name: '',
      addressLine1: '',
      city: '',
      zipCode: '',
      country: 'NL',
      timeZone: 'Europe/Amsterdam',
    },
    validate: {
      name: (value) =>
        !value.trim() ? t('validation.required') : value.length > 80 ? t('validation.max80') : null,
      country: (value) => (/^[A-Za-z]{2}$/.test(value.trim()) ? null : t('validation.country')),
      timeZone: (value) => (value.trim() ? null : t('validation.required')),
      addressLine1: (value) => (value.length > 50 ? t('validation.max50') : null),
    },
  });
  const submit = form.onSubmit((values) =>
    createOnce.run(
      () =>
        create.mutateAsync({
          ...values,
          name: values.name.trim(),
          country: values.country.trim().toUpperCase(),
        }),
      {
        onSuccess: () => {
          form.reset();
          onClose();
        },
        // A refusal about one field (a name already taken) is shown under that field.
        onError: (error) => {
          const { byField } = sortErrorsByField(error, Object.keys(values), t, values);
          for (const [field, message] of Object.entries(byField)) form.setFieldError(field, message);
        },
      },
    ),
  );
  return (
    <Modal opened={opened} onClose={onClose} title={t('locations.add')} size="lg" centered>
      <form onSubmit={submit} noValidate>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('locations.name')} required {...form.getInputProps('name')} />
          <TextInput label={t('locations.timeZone')} required {...form.getInputProps('timeZone')} />
          <TextInput label={t('address.line1')} {...form.getInputProps('addressLine1')} />
          <TextInput label={t('address.city')} {...form.getInputProps('city')} />
          <TextInput label={t('address.zipCode')} {...form.getInputProps('zipCode')} />
          <TextInput label={t('address.country')} required maxLength={2} {...form.getInputProps('country')} />
        </SimpleGrid>
        {create.isError ? <ErrorAlert error={create.error} fieldsShown={Object.keys(form.values)} /> : null}
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={createOnce.pending}>
            {t('common.save')}
          </Button>
        </Group>
      </form>
    </Modal>
  );
}

export function LocationsPage() {
  const { t } = useTranslation();
  const { customerId = '' } = useParams();
  const locations = useLocations(customerId);
  const remove = useDeleteLocation(customerId);
  const removeOnce = useSubmitOnce();
  const [adding, { open, close }] = useDisclosure(false);
  const canWrite = useCanWrite();
  // Deleting cannot be undone: the admin confirms in a dialog that names the location first.
  // The target outlives the dialog's closing animation, so its name does not blank out while it fades.
  const [toDelete, setToDelete] = useState<Location | null>(null);
  const [confirming, { open: openConfirm, close: closeConfirm }] = useDisclosure(false);
  const askDelete = (location: Location) => {
    remove.reset();
    setToDelete(location);
    openConfirm();
  };
  const confirmDelete = () => {
    if (toDelete) removeOnce.run(() => remove.mutateAsync(toDelete.id), { onSuccess: closeConfirm });
  };
  return (
    <>
      <PageHeader
        title={t('locations.title')}
        description={t('locations.description')}
        actions={canWrite ? <Button onClick={open}>{t('locations.add')}</Button> : null}
      />
      <Paper>
        {locations.isPending ? (
          <TableSkeleton rows={4} />
        ) : locations.isError ? (
          <ErrorAlert error={locations.error} />
        ) : locations.data.length === 0 ? (
          <EmptyState title={t('locations.empty')} description={t('locations.emptyHint')} />
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label={t('locations.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('locations.name')}</Table.Th>
                  <Table.Th>{t('wizard.stepAddress')}</Table.Th>
                  <Table.Th>{t('locations.timeZone')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {locations.data.map((location) => (
                  <Table.Tr key={location.id}>
                    <Table.Td fw={500}>{location.name}</Table.Td>
                    <Table.Td>
                      {[
                        location.address?.addressLine1,
                        location.address?.zipCode,
                        location.address?.city,
                        location.country,
                      ]
                        .filter(Boolean)
                        .join(', ')}
                    </Table.Td>
                    <Table.Td>{location.timeZone}</Table.Td>
                    <Table.Td ta="right">
                      <EditLocationButton customerId={customerId} location={location} />
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        disabled={!canWrite}
                        onClick={() => askDelete(location)}
                        aria-label={t('locations.deleteNamed', { name: location.name })}
                      >
                        {t('common.delete')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <AddLocationDialog customerId={customerId} opened={adding} onClose={close} />
      <ConfirmDialog
        opened={confirming}
        title={t('locations.deleteConfirmTitle')}
        message={t('locations.deleteConfirmText', { name: toDelete?.name ?? '' })}
        confirmLabel={t('common.delete')}
        onConfirm={confirmDelete}
        onCancel={closeConfirm}
        loading={removeOnce.pending}
      >
        {remove.isError ? (
          <ErrorAlert error={remove.error} refusedTitle={t('locations.deleteRefusedTitle')} />
        ) : null}
      </ConfirmDialog>
    </>
  );
}
