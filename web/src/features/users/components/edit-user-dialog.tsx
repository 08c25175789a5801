import { useMemo, useState } from 'react';
import { Alert, Autocomplete, Checkbox, Fieldset, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { FormDialog, showSaved } from '../../../components/ui/form-dialog.tsx';
import { apiFieldLabel } from '../../../lib/api-field-label.ts';
import { isStaleEdit, StaleEditAlert } from '../../../components/ui/stale-edit-alert.tsx';
import { staleEditReloadProps, type StaleEditReloadProps } from '../../../lib/use-held-for-edit.ts';
import type { WithEtag } from '../../../lib/versioned-request.ts';
import { timeZoneOptions } from '../../../lib/time-zone-options.ts';
import { usePatchForm } from '../../../lib/use-patch-form.ts';
import { tKey } from '../../../i18n/t-key.ts';
import type { BasicLicencesPatch, UserDetails } from '../api/update-user.ts';
import { useUpdateUser } from '../api/update-user.ts';
import { useEditedUser } from '../api/edited-user.ts';
import { fullName } from '../api/user-types.ts';
import { warningInLanguage, warningLine } from './result-warnings.ts';
import type { EditUserField } from './edit-user-values.ts';
import {
  EDIT_USER_FIELDS,
  EDIT_USER_FIELD_NAMES,
  editUserErrors,
  editUserPatch,
  editUserValuesOf,
  isFieldShown,
  isLockedBySync,
  jabberPatch,
  jabberValuesOf,
  showsJabber,
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
  callerIdNumber: tKey('editUser.callerIdNumber'),
  preferredWebexSite: tKey('userDetail.preferredWebexSite'),
  preferredLanguage: tKey('editUser.preferredLanguage'),
  timeZone: tKey('editUser.timeZone'),
};

const HINTS: Partial<Record<EditUserField, string>> = {
  preferredLanguage: tKey('editUser.preferredLanguageHint'),
  timeZone: tKey('editUser.timeZoneHint'),
};

const BASIC_LICENCES = [
  ['basicMessaging', tKey('userDetail.basicMessaging')],
  ['basicSpaceMeetings', tKey('userDetail.basicSpaceMeetings')],
  ['callingFromWebex', tKey('userDetail.callingFromWebex')],
] as const;

type BasicLicenceValues = Required<BasicLicencesPatch>;

function basicLicencesOf(user: UserDetails): BasicLicenceValues {
  return {
    basicMessaging: user.basicLicences?.basicMessaging ?? false,
    basicSpaceMeetings: user.basicLicences?.basicSpaceMeetings ?? false,
    callingFromWebex: user.basicLicences?.callingFromWebex ?? false,
  };
}

/** Only the licences that changed; nothing when none did. */
function basicLicencesPatch(current: BasicLicenceValues, initial: BasicLicenceValues) {
  const changed: BasicLicencesPatch = {};
  for (const [name] of BASIC_LICENCES) if (current[name] !== initial[name]) changed[name] = current[name];
  return Object.keys(changed).length > 0 ? { basicLicences: changed } : {};
}

interface EditUserDialogProps {
  customerId: string;
  /** The user as read, with the ETag the save sends back as If-Match. */
  user: WithEtag<UserDetails>;
  directorySync: boolean;
  opened: boolean;
  onClose: () => void;
}

/**
 * Edits a user's names and profile fields; the server's objections appear under their fields. A
 * save after someone else changed the user is refused (412): the dialog says so and offers Reload,
 * which starts the form afresh from the user as it is now.
 */
export function EditUserDialog(props: EditUserDialogProps) {
  const edited = useEditedUser(props.customerId, props.user);
  return (
    <EditUserForm key={edited.generation} {...props} user={edited.user} {...staleEditReloadProps(edited)} />
  );
}

type EditUserFormProps = EditUserDialogProps & StaleEditReloadProps;

function EditUserForm({
  customerId,
  user,
  directorySync,
  opened,
  onClose,
  onReload,
  reloading,
  reloadError,
}: EditUserFormProps) {
  const { t } = useTranslation();
  const update = useUpdateUser(customerId, user.id, user.etag);
  const stale = isStaleEdit(update.error);
  const initial = useMemo(() => editUserValuesOf(user), [user]);
  const zones = useMemo(timeZoneOptions, []);
  const initialJabber = useMemo(() => jabberValuesOf(user), [user]);
  const [jabber, setJabber] = useState(initialJabber);
  const jabberShown = showsJabber(user.package);
  const initialBasic = useMemo(() => basicLicencesOf(user), [user]);
  const [basic, setBasic] = useState(initialBasic);
  // The server's objections go under the inputs on screen; the others (the caller ID number of a
  // package without calling, a licence) go to the alert, named by their column (SPEC §6).
  const shownFields = useMemo(
    () => EDIT_USER_FIELD_NAMES.filter((name) => isFieldShown(name, user.package)),
    [user.package],
  );
  const { values, set, errorOf, showAlert, saving, submit } = usePatchForm({
    initial,
    fields: shownFields,
    check: (current, translate) => editUserErrors(current, initial, translate),
    patchOf: (current) => ({
      ...editUserPatch(current, initial, directorySync),
      ...(jabberShown ? jabberPatch(jabber, initialJabber) : {}),
      ...(user.package ? basicLicencesPatch(basic, initialBasic) : {}),
    }),
    mutation: update,
    onUnchanged: onClose,
    onSaved: (saved) => {
      const savedText = t('editUser.savedText', { name: fullName(saved) });
      // Saved, with what the admin must know: each warning with its column and reason (SPEC §6),
      // "Warning, Caller ID Number: … was read as +31…", in the language shown.
      const warnings = saved.warnings
        .filter((warning) => warningInLanguage(warning, saved.package ?? '', t))
        .map((warning) => warningLine(warning, saved.package ?? '', t));
      if (warnings.length > 0)
        notifications.show({
          color: 'yellow',
          role: 'alert',
          title: t('editUser.saved'),
          message: `${savedText} ${warnings.join(' ')}`,
        });
      else showSaved(t('editUser.saved'), savedText);
      onClose();
    },
  });

  return (
    <FormDialog
      opened={opened}
      title={t('editUser.title')}
      onClose={onClose}
      onSubmit={submit}
      saving={saving}
      // Shown below as the last of the fields, where FormDialog would, with each reason's column.
      error={null}
      testId="edit-user-form"
    >
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
        {EDIT_USER_FIELDS.filter(({ name }) => isFieldShown(name, user.package)).map(({ name }) => {
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
            <TextInput key={name} {...common} onChange={(event) => set(name, event.currentTarget.value)} />
          );
        })}
      </SimpleGrid>
      {jabberShown ? (
        <Fieldset legend={t('editUser.jabber')} variant="unstyled">
          <Stack gap="xs">
            <Checkbox
              label={t('userDetail.jabberCalling')}
              checked={jabber.jabberCalling}
              onChange={(event) => {
                const checked = event.currentTarget.checked;
                setJabber((current) => ({ ...current, jabberCalling: checked }));
              }}
            />
            <Checkbox
              label={t('userDetail.jabberWebexTeams')}
              checked={jabber.jabberWithWebexTeams}
              onChange={(event) => {
                const checked = event.currentTarget.checked;
                setJabber((current) => ({ ...current, jabberWithWebexTeams: checked }));
              }}
            />
          </Stack>
        </Fieldset>
      ) : null}
      {user.package ? (
        <Fieldset legend={t('editUser.basicLicences')} variant="unstyled" data-testid="basic-licences">
          <Stack gap="xs">
            {BASIC_LICENCES.map(([name, label]) => (
              <Checkbox
                key={name}
                label={t(label)}
                checked={basic[name]}
                onChange={(event) => {
                  const checked = event.currentTarget.checked;
                  setBasic((current) => ({ ...current, [name]: checked }));
                }}
              />
            ))}
          </Stack>
        </Fieldset>
      ) : null}
      {stale ? (
        <StaleEditAlert record="user" onReload={onReload} reloading={reloading} reloadError={reloadError} />
      ) : showAlert ? (
        <ErrorAlert error={update.error} fieldsShown={shownFields} fieldLabel={apiFieldLabel} />
      ) : null}
    </FormDialog>
  );
}
