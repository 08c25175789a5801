import { useMemo } from 'react';
import { Autocomplete, SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormDialog, showSaved } from '../../../components/ui/form-dialog.tsx';
import { tKey } from '../../../i18n/t-key.ts';
import { timeZoneOptions } from '../../../lib/time-zone-options.ts';
import { usePatchForm } from '../../../lib/use-patch-form.ts';
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

/** SPEC §4 "Locations can be edited": name, address, time zone and language; country stays. */
export function EditLocationDialog({ customerId, location, onClose }: EditLocationDialogProps) {
  const { t } = useTranslation();
  const update = useUpdateLocation(customerId, location.id);
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
      error={showAlert ? update.error : null}
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
    </FormDialog>
  );
}
