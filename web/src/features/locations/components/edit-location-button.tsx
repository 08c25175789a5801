import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useCanWrite } from '../../../lib/permissions.tsx';
import type { LocationDetails } from '../api/update-location.ts';
import { EditLocationDialog } from './edit-location-dialog.tsx';

/** A location row's Edit action with its dialog; read-only admins do not get it. */
export function EditLocationButton({
  customerId,
  location,
}: {
  customerId: string;
  location: LocationDetails;
}) {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const [editing, { open, close }] = useDisclosure(false);
  if (!canWrite) return null;
  return (
    <>
      <Button
        size="xs"
        variant="subtle"
        mr="xs"
        onClick={open}
        aria-label={t('editLocation.editNamed', { name: location.name })}
      >
        {t('editLocation.edit')}
      </Button>
      {editing ? <EditLocationDialog customerId={customerId} location={location} onClose={close} /> : null}
    </>
  );
}
