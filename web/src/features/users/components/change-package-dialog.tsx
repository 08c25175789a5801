import { useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { isStaleEdit, StaleEditAlert } from '../../../components/ui/stale-edit-alert.tsx';
import { staleEditReloadProps, type StaleEditReloadProps } from '../../../lib/use-held-for-edit.ts';
import type { WithEtag } from '../../../lib/versioned-request.ts';
import { sortErrorsByField } from '../../../lib/field-errors.ts';
import { apiFieldLabel } from '../../../lib/api-field-label.ts';
import type { PackageChange } from '../api/change-package.ts';
import { useChangePackage } from '../api/change-package.ts';
import { useCustomerFullAdminEmails } from '../api/customer-full-admins.ts';
import { useEditedUser } from '../api/edited-user.ts';
import { useExtensionLength } from '../api/extension-length.ts';
import { useFreeNumbers } from '../api/list-free-numbers.ts';
import { useLocationOptions } from '../api/list-locations.ts';
import { soldPackagesKey, useSoldPackages } from '../api/sold-packages.ts';
import type { User } from '../api/user-types.ts';
import { asksForCallingFields, callingFieldErrors } from './calling-fields-rules.ts';
import { findPackage } from '../../../lib/package-catalog.ts';
import { packageChoices } from './package-choices.ts';
import { warningInLanguage, warningLine } from './result-warnings.ts';
import { useSubmitOnce } from '../../../lib/use-submit-once.ts';

interface ChangePackageDialogProps {
  customerId: string;
  /** The user as read, with the ETag the change sends back as If-Match. */
  user: WithEtag<User>;
  opened: boolean;
  onClose: () => void;
}

/** Help text "Change a user's package": choose the new package, give the number if needed, Change. */
/** The fields that show a server refusal under them (the phone number's picker shows it in the alert). */
const CALLING_FIELDS = ['extension'] as const;

/**
 * A change after someone else changed the user is refused (412): the dialog says so and offers
 * Reload, which starts the choice afresh from the user as it is now (ADR 0092).
 */
export function ChangePackageDialog(props: ChangePackageDialogProps) {
  const edited = useEditedUser(props.customerId, props.user);
  return (
    <ChangePackageForm
      key={edited.generation}
      {...props}
      user={edited.user}
      {...staleEditReloadProps(edited)}
    />
  );
}

type ChangePackageFormProps = ChangePackageDialogProps & StaleEditReloadProps;

function ChangePackageForm({
  customerId,
  user,
  opened,
  onClose,
  onReload,
  reloading,
  reloadError,
}: ChangePackageFormProps) {
  const { t } = useTranslation();
  const change = useChangePackage(customerId, user.id, user.etag);
  const changeOnce = useSubmitOnce();
  const locations = useLocationOptions(customerId);
  const queryClient = useQueryClient();
  const sold = useSoldPackages(customerId);
  // Unknown (still loading, or the role may not list admins): nothing is disabled for it.
  const fullAdmins = useCustomerFullAdminEmails(customerId);
  const choices = packageChoices(sold.data, user.package ?? null, {
    isCustomerFullAdmin: fullAdmins.data?.includes(user.email.toLowerCase()) ?? false,
    holdsAttendantConsole: user.attendantConsole ?? false,
  });
  const [packageId, setPackageId] = useState<string | null>(user.package ?? null);
  const [locationId, setLocationId] = useState<string | null>(user.locationId ?? null);
  const [extension, setExtension] = useState(user.extension ?? '');
  const [phoneNumber, setPhoneNumber] = useState(user.phoneNumber ?? '');
  const holdsAddOn = user.attendantConsole ?? false;
  const [addOnWanted, setAddOnWanted] = useState(holdsAddOn);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // The server's refusal of one field (an extension already taken), in its words, under that field.
  const [refusedFields, setRefusedFields] = useState<Record<string, string>>({});
  const freeNumbers = useFreeNumbers(customerId, locationId);
  const extensionLength = useExtensionLength(customerId).data ?? null;
  const askCalling = asksForCallingFields(packageId);
  // A choice can turn disabled after it was picked (the admins or the usage arrive later).
  const chosenDisabled = choices.some((choice) => choice.entry.id === packageId && choice.disabledReason);
  // SPEC §3: the add-on only next to a base that allows it and only when the customer was sold it.
  const addOn = choices.find((choice) => choice.entry.id === packageId)?.addOn ?? null;
  const addsAddOn = addOn !== null && addOn.disabledReason === null && addOnWanted && !holdsAddOn;
  // Unticked by a holder: sent as `attendantConsole: false`, which removes it (its licence freed).
  const removesAddOn = addOn !== null && holdsAddOn && !addOnWanted;
  // The server drops the add-on with a warning when the new package does not allow it: say so first.
  const dropsAddOn = holdsAddOn && packageId !== null && addOn === null;
  const addOnName = t('packages.attendant_console');

  // The same package with the same calling fields would change nothing, yet the server answers 200
  // and the toast said "Package changed": Change waits until something differs.
  const callingChanged =
    askCalling &&
    !(
      locationId === (user.locationId ?? null) &&
      extension.trim() === (user.extension ?? '') &&
      phoneNumber.trim() === (user.phoneNumber ?? '')
    );
  const nothingChanged =
    packageId === (user.package ?? null) && !addsAddOn && !removesAddOn && !callingChanged;

  const numberOptions = [
    ...new Set([...(user.phoneNumber ? [user.phoneNumber] : []), ...(freeNumbers.data ?? [])]),
  ];

  const submit = () => {
    const found = callingFieldErrors(packageId, { locationId, extension, phoneNumber }, extensionLength);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (!packageId || nothingChanged) return;
    const body: PackageChange = { package: packageId };
    if (addsAddOn) body.attendantConsole = true;
    if (removesAddOn) body.attendantConsole = false;
    if (askCalling) {
      if (locationId) body.location = locationId;
      if (extension.trim()) body.extension = extension.trim();
      if (phoneNumber.trim()) body.phoneNumber = phoneNumber.trim();
    }
    setRefusedFields({});
    changeOnce.run(() => change.mutateAsync(body), {
      onError: (error) => setRefusedFields(sortErrorsByField(error, CALLING_FIELDS, t).byField),
      onSuccess: (result) => {
        // The limits' usage moved: the next change must see it.
        void queryClient.invalidateQueries({ queryKey: soldPackagesKey(customerId) });
        // Each warning with its column and reason (SPEC §6): "Warning, Preferred Webex Site: …".
        const warnings = (result?.warnings ?? [])
          .filter((warning) => warningInLanguage(warning, packageId, t))
          .map((warning) => warningLine(warning, packageId, t));
        notifications.show({
          color: warnings.length > 0 ? 'yellow' : 'green',
          role: warnings.length > 0 ? 'alert' : 'status',
          title: t('changePackage.changed'),
          message: warnings.length > 0 ? warnings.join(' ') : t('changePackage.changedText'),
        });
        onClose();
      },
    });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('changePackage.title')} size="lg" centered>
      <Stack>
        <Radio.Group
          label={t('changePackage.choose')}
          value={packageId ?? ''}
          onChange={(value) => setPackageId(value || null)}
        >
          <Stack gap={8} mt="xs">
            {choices.map(({ entry, disabledReason, reasonValues }) => (
              <Radio
                key={entry.id}
                value={entry.id}
                label={t(entry.nameKey)}
                disabled={disabledReason !== null}
                description={disabledReason ? t(disabledReason, reasonValues) : undefined}
              />
            ))}
          </Stack>
        </Radio.Group>
        {askCalling ? (
          <Stack gap="sm" data-testid="calling-fields">
            <Text fw={600} size="sm">
              {t('changePackage.callingInfo')}
            </Text>
            <Text size="sm" c="dimmed">
              {t('changePackage.callingInfoHint')}
            </Text>
            <Select
              label={t('users.location')}
              required
              data={(locations.data ?? []).map((location) => ({ value: location.id, label: location.name }))}
              value={locationId}
              onChange={(value) => {
                setLocationId(value);
                setPhoneNumber('');
              }}
              error={errors.locationId ? t(errors.locationId) : undefined}
            />
            {/* Side by side from the xs breakpoint; stacked on a phone, where +31201234567 needs the width. */}
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              <TextInput
                label={t('users.extension')}
                value={extension}
                onChange={(event) => setExtension(event.currentTarget.value)}
                error={
                  errors.extension
                    ? t(errors.extension, { count: extensionLength ?? undefined })
                    : refusedFields.extension
                }
                inputMode="numeric"
              />
              <Select
                label={t('users.phoneNumber')}
                placeholder={
                  locationId ? t('changePackage.pickNumber') : t('changePackage.pickLocationFirst')
                }
                data={numberOptions}
                value={phoneNumber || null}
                onChange={(value) => setPhoneNumber(value ?? '')}
                searchable
                clearable
                disabled={!locationId}
                nothingFoundMessage={t('changePackage.noFreeNumbers')}
              />
            </SimpleGrid>
          </Stack>
        ) : null}
        {addOn ? (
          <Checkbox
            label={`${t('changePackage.addOn')}: ${t(addOn.entry.nameKey)}`}
            checked={addOnWanted && (holdsAddOn || addOn.disabledReason === null)}
            onChange={(event) => setAddOnWanted(event.currentTarget.checked)}
            // A holder may always untick it (a full limit only stops adding it).
            disabled={!holdsAddOn && addOn.disabledReason !== null}
            description={
              holdsAddOn
                ? t('changePackage.addOnKept', { addOnName })
                : addOn.disabledReason
                  ? t(addOn.disabledReason, addOn.reasonValues)
                  : t('changePackage.addOnHint')
            }
            data-testid="add-on"
          />
        ) : null}
        {dropsAddOn ? (
          <Alert color="yellow" data-testid="add-on-dropped">
            {t('changePackage.addOnDropped', {
              addOnName,
              packageName: t(findPackage(packageId)?.nameKey ?? packageId),
            })}
          </Alert>
        ) : null}
        {packageId === user.package ? (
          <Alert color="gray" data-testid="same-package">
            {!nothingChanged
              ? callingChanged
                ? t('changePackage.samePackageNewNumber')
                : removesAddOn
                  ? t('changePackage.samePackageAddOnRemoved', { addOnName })
                  : t('changePackage.samePackageAddOn', { addOnName })
              : askCalling
                ? t('changePackage.samePackageNothingChanged')
                : t('changePackage.samePackage')}
          </Alert>
        ) : null}
        {isStaleEdit(change.error) ? (
          <StaleEditAlert record="user" onReload={onReload} reloading={reloading} reloadError={reloadError} />
        ) : change.isError ? (
          // The others (the phone number, the package, the add-on) are listed with their column.
          <ErrorAlert
            error={change.error}
            fieldsShown={askCalling ? CALLING_FIELDS : []}
            fieldLabel={apiFieldLabel}
          />
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            onClick={submit}
            loading={changeOnce.pending}
            disabled={!packageId || chosenDisabled || nothingChanged}
          >
            {t('changePackage.change')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
