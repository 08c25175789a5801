import { Fragment, useMemo, useState, type ReactNode } from 'react';
import { Autocomplete, Button, Group, Loader, Modal, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { FormDialog, showSaved } from '../../../components/ui/form-dialog.tsx';
import { isStaleEdit, StaleEditAlert } from '../../../components/ui/stale-edit-alert.tsx';
import { tKey } from '../../../i18n/t-key.ts';
import { timeZoneOptions } from '../../../lib/time-zone-options.ts';
import { staleEditReloadProps } from '../../../lib/use-held-for-edit.ts';
import { usePatchForm } from '../../../lib/use-patch-form.ts';
import type { WithEtag } from '../../../lib/versioned-request.ts';
import { useEditedLocation } from '../api/edited-location.ts';
import type { LocationDetails } from '../api/update-location.ts';
import { useUpdateLocation } from '../api/update-location.ts';
import type { EditLocationField } from './edit-location-values.ts';
import {
  EDIT_LOCATION_FIELDS,
  EDIT_LOCATION_FIELD_NAMES,
  editLocationErrors,
  editLocationPatch,
  editLocationValuesOf,
} from './edit-location-values.ts';

const LABELS: Readonly<Record<EditLocationField, string>> = {
  name: tKey('locations.name'),
  timeZone: tKey('locations.timeZone'),
  addressLine1: tKey('address.line1'),
  addressLine2: tKey('address.line2'),
  zipCode: tKey('address.zipCode'),
  city: tKey('address.city'),
  stateOrProvince: tKey('editLocation.stateOrProvince'),
  language: tKey('common.language'),
};

interface EditLocationDialogProps {
  customerId: string;
  location: LocationDetails;
  onClose: () => void;
}

/**
 * SPEC §4 "Locations can be edited": name, address, time zone and language; country stays. The form
 * starts from the location read with its ETag when the dialog opens (a short "Loading…" meanwhile:
 * the list's row carries no ETag) and saves with it as If-Match; a save after someone else changed
 * the location is refused (412) and the dialog offers Reload, which starts the form afresh (ADR 0092).
 */
export function EditLocationDialog({ customerId, location, onClose }: EditLocationDialogProps) {
  const { t } = useTranslation();
  const edited = useEditedLocation(customerId, location.id);
  if (!edited.location) {
    return (
      <Modal opened onClose={onClose} title={t('common.loading')} size="lg" centered>
        <Stack>
          {edited.loadError ? (
            <ErrorAlert error={edited.loadError} action="load" onRetry={edited.retryLoad} />
          ) : (
            <Group justify="center">
              <Loader size="sm" />
            </Group>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    );
  }
  const staleNotice = <StaleEditAlert record="location" {...staleEditReloadProps(edited)} />;
  return (
    <Fragment key={edited.generation}>
      <EditLocationForm
        customerId={customerId}
        opened={edited.location}
        staleNotice={staleNotice}
        onClose={onClose}
      />
    </Fragment>
  );
}

function EditLocationForm({
  customerId,
  opened,
  staleNotice,
  onClose,
}: {
  customerId: string;
  opened: WithEtag<LocationDetails>;
  staleNotice: ReactNode;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  // As read when the form started: a refresh behind it moves neither the values nor the ETag.
  const [location] = useState(opened);
  const update = useUpdateLocation(customerId, location.id, location.etag);
  const stale = isStaleEdit(update.error);
  const initial = useMemo(() => editLocationValuesOf(location), [location]);
  const zones = useMemo(timeZoneOptions, []);
  const { values, set, errorOf, showAlert, saving, submit } = usePatchForm({
    initial,
    fields: EDIT_LOCATION_FIELD_NAMES,
    check: (current, translate) => editLocationErrors(current, translate),
    patchOf: (current) => editLocationPatch(current, initial),
    mutation: update,
    onUnchanged: onClose,
    onSaved: (saved) => {
      showSaved(t('common.saved'), t('editLocation.savedText', { name: saved.name }));
      onClose();
    },
  });

  return (
    <FormDialog
      title={t('editLocation.title', { name: location.name })}
      onClose={onClose}
      onSubmit={submit}
      saving={saving}
      error={showAlert && !stale ? update.error : null}
      fieldsShown={EDIT_LOCATION_FIELD_NAMES}
      testId="edit-location-form"
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {EDIT_LOCATION_FIELDS.map(({ name, required }) => {
          const common = {
            label: t(LABELS[name]),
            value: values[name],
            error: errorOf(name),
            required,
            description: name === 'language' ? t('editLocation.languageHint') : undefined,
          };
          return name === 'timeZone' ? (
            <Autocomplete
              key={name}
              {...common}
              data={zones}
              limit={20}
              onChange={(value) => set(name, value)}
            />
          ) : (
            <TextInput key={name} {...common} onChange={(event) => set(name, event.currentTarget.value)} />
          );
        })}
        <TextInput
          label={t('address.country')}
          value={location.country}
          readOnly
          disabled
          description={t('editLocation.countryFixed')}
        />
      </SimpleGrid>
      {stale ? staleNotice : null}
    </FormDialog>
  );
}
