import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Textarea,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { PagedTable } from '../../../components/ui/paged-table.tsx';
import { useCanWrite } from '../../../lib/permissions.tsx';
import type { PhoneNumber } from '../api/numbers.ts';
import { useAddNumbers, useLocationChoices, useNumberPages, useRemoveNumbers } from '../api/numbers.ts';
import { RemoveRangeDialog } from './remove-range-dialog.tsx';
import { useSubmitOnce } from '../../../lib/use-submit-once.ts';

function AddNumbersDialog({
  customerId,
  opened,
  onClose,
}: {
  customerId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locations = useLocationChoices(customerId);
  const add = useAddNumbers(customerId);
  const addOnce = useSubmitOnce();
  const [location, setLocation] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const numbers = text
      .split(/[\n,;]+/)
      .map((entry) => entry.trim())
      .filter(Boolean);
    if (!location || numbers.length === 0) {
      setError(t('numbers.addMissing'));
      return;
    }
    setError(null);
    addOnce.run(() => add.mutateAsync({ location, numbers }), { onSuccess: onClose });
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('numbers.add')} centered>
      <Stack>
        <Select
          label={t('users.location')}
          required
          data={(locations.data ?? []).map((entry) => ({ value: entry.id, label: entry.name }))}
          value={location}
          onChange={setLocation}
        />
        <Textarea
          label={t('numbers.numbersLabel')}
          description={t('numbers.numbersHint')}
          autosize
          minRows={3}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
        />
        {error ? <Alert color="red">{error}</Alert> : null}
        {add.isError ? <ErrorAlert error={add.error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} loading={addOnce.pending}>
            {t('numbers.add')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function NumbersPage() {
  const { t } = useTranslation();
  const { customerId = '' } = useParams();
  const [location, setLocation] = useState<string | null>(null);
  const [state, setState] = useState<string | null>(null);
  const locations = useLocationChoices(customerId);
  const pages = useNumberPages(customerId, location, state);
  const remove = useRemoveNumbers(customerId);
  const removeOnce = useSubmitOnce();
  const [adding, { open, close }] = useDisclosure(false);
  // A whole range in one confirmation, not one dialog per number (SPEC §4).
  const [removingRange, { open: openRemoveRange, close: closeRemoveRange }] = useDisclosure(false);
  const canWrite = useCanWrite();
  // Removing a number cannot be undone: the admin confirms in a dialog that names the number first.
  const [toRemove, setToRemove] = useState<PhoneNumber | null>(null);
  const [confirming, { open: openConfirm, close: closeConfirm }] = useDisclosure(false);
  const askRemove = (entry: PhoneNumber) => {
    remove.reset();
    setToRemove(entry);
    openConfirm();
  };
  const confirmRemove = () => {
    if (toRemove)
      removeOnce.run(() => remove.mutateAsync([toRemove.phoneNumber]), { onSuccess: closeConfirm });
  };
  return (
    <>
      <PageHeader
        title={t('numbers.title')}
        description={t('numbers.description')}
        actions={
          canWrite ? (
            <Group gap="sm">
              <Button variant="default" color="red" onClick={openRemoveRange}>
                {t('numbers.removeRange')}
              </Button>
              <Button onClick={open}>{t('numbers.add')}</Button>
            </Group>
          ) : null
        }
      />
      <Paper>
        <Group mb="md" gap="sm">
          <Select
            placeholder={t('numbers.allLocations')}
            aria-label={t('numbers.locationFilter')}
            clearable
            data={(locations.data ?? []).map((entry) => ({ value: entry.id, label: entry.name }))}
            value={location}
            onChange={setLocation}
            w={240}
          />
          <Select
            placeholder={t('numbers.allStates')}
            aria-label={t('numbers.stateFilter')}
            clearable
            data={[
              { value: 'free', label: t('numbers.free') },
              { value: 'taken', label: t('numbers.taken') },
            ]}
            value={state}
            onChange={setState}
            w={180}
          />
        </Group>
        <PagedTable
          pages={pages}
          label={t('numbers.title')}
          minWidth={640}
          empty={<EmptyState title={t('numbers.empty')} description={t('numbers.emptyHint')} />}
          head={
            <>
              <Table.Th>{t('users.phoneNumber')}</Table.Th>
              <Table.Th>{t('users.location')}</Table.Th>
              <Table.Th>{t('users.status')}</Table.Th>
              <Table.Th>{t('numbers.assignedTo')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
              </Table.Th>
            </>
          }
        >
          {pages.items.map((entry) => (
            <Table.Tr key={entry.phoneNumber}>
              <Table.Td ff="monospace">{entry.phoneNumber}</Table.Td>
              <Table.Td>{entry.locationName}</Table.Td>
              <Table.Td>
                <Badge color={entry.state === 'free' ? 'green' : 'blue'}>
                  {entry.state === 'free' ? t('numbers.free') : t('numbers.taken')}
                </Badge>
              </Table.Td>
              <Table.Td>{entry.userEmail ?? '—'}</Table.Td>
              <Table.Td ta="right">
                {entry.state === 'free' && canWrite ? (
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => askRemove(entry)}
                    aria-label={t('numbers.removeNamed', { number: entry.phoneNumber })}
                  >
                    {t('numbers.remove')}
                  </Button>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </PagedTable>
      </Paper>
      <AddNumbersDialog customerId={customerId} opened={adding} onClose={close} />
      <RemoveRangeDialog customerId={customerId} opened={removingRange} onClose={closeRemoveRange} />
      <ConfirmDialog
        opened={confirming}
        title={t('numbers.removeConfirmTitle')}
        message={t('numbers.removeConfirmText', {
          number: toRemove?.phoneNumber ?? '',
          location: toRemove?.locationName ?? '',
        })}
        confirmLabel={t('numbers.remove')}
        onConfirm={confirmRemove}
        onCancel={closeConfirm}
        loading={removeOnce.pending}
      >
        {remove.isError ? <ErrorAlert error={remove.error} /> : null}
      </ConfirmDialog>
    </>
  );
}
