import { useState } from 'react';
import { Alert, Button, Group, Modal, SimpleGrid, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { useLocationChoices, useRemoveNumberRange } from '../api/numbers.ts';
import { rangeEntry, rangeSize } from './range-size.ts';
import { useSubmitOnce } from '../../../lib/use-submit-once.ts';

interface RemoveRangeDialogProps {
  customerId: string;
  opened: boolean;
  onClose: () => void;
}

/**
 * SPEC §4 "ranges can be removed when free": the first and last number of a location's range, then
 * one confirmation that says how many numbers go. The server removes all of them or none.
 */
export function RemoveRangeDialog({ customerId, opened, onClose }: RemoveRangeDialogProps) {
  const { t } = useTranslation();
  const locations = useLocationChoices(customerId);
  const remove = useRemoveNumberRange(customerId);
  const removeOnce = useSubmitOnce();
  const [location, setLocation] = useState<string | null>(null);
  const [first, setFirst] = useState('');
  const [last, setLast] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const size = rangeSize(first, last);
  const locationName = (locations.data ?? []).find((entry) => entry.id === location)?.name ?? '';

  const close = () => {
    setConfirming(false);
    setError(null);
    remove.reset();
    onClose();
  };
  const review = () => {
    if (!location || !first.trim()) {
      setError(t('numbers.removeRangeMissing'));
      return;
    }
    if (size === 'reversed') {
      setError(t('numbers.removeRangeReversed'));
      return;
    }
    setError(null);
    remove.reset();
    setConfirming(true);
  };
  const confirm = () => {
    if (!location) return;
    removeOnce.run(() => remove.mutateAsync({ location, range: rangeEntry(first, last) }), {
      onSuccess: (result) => {
        notifications.show({
          color: 'green',
          role: 'status',
          message: t('numbers.removedCount', { count: result?.removed?.length ?? 0 }),
        });
        setFirst('');
        setLast('');
        close();
      },
    });
  };
  const lastShown = last.trim() || first.trim();

  return (
    <Modal opened={opened} onClose={close} title={t('numbers.removeRange')} centered>
      {confirming ? (
        <Stack data-testid="remove-range-confirm">
          <Text size="sm">
            {typeof size === 'number'
              ? t('numbers.removeRangeConfirm', {
                  count: size,
                  first: first.trim(),
                  last: lastShown,
                  location: locationName,
                })
              : t('numbers.removeRangeConfirmUncounted', {
                  first: first.trim(),
                  last: lastShown,
                  location: locationName,
                })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('numbers.removeRangeAllOrNothing')}
          </Text>
          {remove.isError ? (
            <Stack gap="xs" data-testid="remove-range-refused">
              <Alert color="red" variant="light">
                {t('numbers.removeRangeNothingRemoved')}
              </Alert>
              <ErrorAlert error={remove.error} />
            </Stack>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('numbers.removeRangeBack')}
            </Button>
            <Button color="red" onClick={confirm} loading={removeOnce.pending} disabled={remove.isError}>
              {typeof size === 'number'
                ? t('numbers.removeRangeConfirmButton', { count: size })
                : t('numbers.removeRangeConfirmButtonUncounted')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          <Select
            label={t('users.location')}
            required
            data={(locations.data ?? []).map((entry) => ({ value: entry.id, label: entry.name }))}
            value={location}
            onChange={setLocation}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <TextInput
              label={t('numbers.firstNumber')}
              required
              value={first}
              onChange={(event) => setFirst(event.currentTarget.value)}
            />
            <TextInput
              label={t('numbers.lastNumber')}
              description={t('numbers.lastNumberHint')}
              value={last}
              onChange={(event) => setLast(event.currentTarget.value)}
            />
          </SimpleGrid>
          {error ? <Alert color="red">{error}</Alert> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button color="red" onClick={review}>
              {t('numbers.removeRangeNext')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
