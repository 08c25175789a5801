import type { FormEvent } from 'react';
import { useMemo, useState } from 'react';
import { Alert, Autocomplete, Button, Group, Modal, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { sortErrorsByField } from '../../../lib/field-errors.ts';
import { timeZoneOptions } from '../../../lib/time-zone-options.ts';
import { tKey } from '../../../i18n/t-key.ts';
import type { UserDetails } from '../api/update-user.ts';
import { useUpdateUser } from '../api/update-user.ts';
import { fullName } from '../api/user-types.ts';
import type { EditUserField, EditUserValues } from './edit-user-values.ts';
import {
  EDIT_USER_FIELDS,
  EDIT_USER_FIELD_NAMES,
  editUserErrors,
  editUserPatch,
  editUserValuesOf,
  isLockedBySync,
} from './edit-user-values.ts';

const LABELS: Readonly<Record<EditUserField, string>> = {
  firstName: tKey('users.firstName'),
  lastName: tKey('users.lastName'),
  displayName: tKey('editUser.displayName'),
  title: tKey('editUser.jobTitle'),
  department: tKey('editUser.department'),
  manager: tKey('editUser.manager'),
  callerIdFirstName: tKey('editUser.callerIdFirstName'),
  callerIdLastName: tKey('editUser.callerIdLastName'),
  preferredWebexSite: tKey('userDetail.preferredWebexSite'),
  preferredLanguage: tKey('editUser.preferredLanguage'),
  timeZone: tKey('editUser.timeZone'),
};

const HINTS: Partial<Record<EditUserField, string>> = {
  preferredLanguage: tKey('editUser.preferredLanguageHint'),
  timeZone: tKey('editUser.timeZoneHint'),
};

interface EditUserDialogProps {
  customerId: string;
  user: UserDetails;
  directorySync: boolean;
  opened: boolean;
  onClose: () => void;
}

/** Edits a user's names and profile fields; the server's objections appear under their fields. */
export function EditUserDialog({ customerId, user, directorySync, opened, onClose }: EditUserDialogProps) {
  const { t } = useTranslation();
  const update = useUpdateUser(customerId, user.id);
  const initial = useMemo(() => editUserValuesOf(user), [user]);
  const [values, setValues] = useState<EditUserValues>(initial);
  const [checked, setChecked] = useState<Partial<Record<EditUserField, string>>>({});
  // What was last sent: a server message stays under its field until the admin changes that field.
  const [sent, setSent] = useState<EditUserValues | null>(null);
  const zones = useMemo(timeZoneOptions, []);

  const server = sortErrorsByField(update.error, EDIT_USER_FIELD_NAMES, t, sent ?? values);
  const errorOf = (field: EditUserField): string | undefined =>
    checked[field] ?? (sent && sent[field] === values[field] ? server.byField[field] : undefined);
  const showAlert = update.isError && (server.other.length > 0 || Object.keys(server.byField).length === 0);

  const set = (field: EditUserField, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setChecked((current) => ({ ...current, [field]: undefined }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = editUserErrors(values, initial, t);
    setChecked(found);
    if (Object.keys(found).length > 0) return;
    const patch = editUserPatch(values, initial, directorySync);
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    setSent(values);
    update.mutate(patch, {
      onSuccess: (saved) => {
        notifications.show({
          color: 'green',
          title: t('editUser.saved'),
          message: t('editUser.savedText', { name: fullName(saved) }),
        });
        onClose();
      },
    });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('editUser.title')} size="lg" centered>
      <form onSubmit={submit} noValidate data-testid="edit-user-form">
        <Stack>
          {directorySync ? (
            <Alert color="blue" variant="light" data-testid="sync-read-only">
              {t('editUser.syncReadOnly')}
            </Alert>
          ) : null}
          <TextInput
            label={t('users.email')}
            value={user.email}
            readOnly
            disabled
            description={t('editUser.emailReadOnly')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {EDIT_USER_FIELDS.map(({ name }) => {
              const hint = HINTS[name];
              const common = {
                label: t(LABELS[name]),
                value: values[name],
                error: errorOf(name),
                disabled: isLockedBySync(name, directorySync),
                description: hint ? t(hint) : undefined,
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
                <TextInput
                  key={name}
                  {...common}
                  onChange={(event) => set(name, event.currentTarget.value)}
                />
              );
            })}
          </SimpleGrid>
          {showAlert ? <ErrorAlert error={update.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
