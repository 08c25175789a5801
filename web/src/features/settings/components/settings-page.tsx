import { useCallback, useEffect, useRef, useState } from 'react';
import type { NumberInputHandlers } from '@mantine/core';
import {
  ActionIcon,
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  Radio,
  Select,
  Skeleton,
  Stack,
  Switch,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { isStaleEdit, StaleEditAlert } from '../../../components/ui/stale-edit-alert.tsx';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { sortErrorsByField } from '../../../lib/field-errors.ts';
import { userPackages } from '../../../lib/package-catalog.ts';
import { useCanWrite } from '../../../lib/permissions.tsx';
import type { CustomerSettings } from '../api/settings.ts';
import { extensionLengthRange, isExtensionLength } from './extension-length.ts';
import { useSaveSettings, useSettings } from '../api/settings.ts';
import { useSubmitOnce } from '../../../lib/use-submit-once.ts';
import type { WithEtag } from '../../../lib/versioned-request.ts';

interface SettingsForm {
  defaultPackage: string | null;
  autoAssignBasicLicences: boolean;
  defaultPreferredWebexSite: string;
  extensionLength: number | string;
  defaultImportBehaviour: 'add-only' | 'add-remove';
}

function toForm(settings: CustomerSettings): SettingsForm {
  return { ...settings, defaultPreferredWebexSite: settings.defaultPreferredWebexSite ?? '' };
}

export function SettingsPage() {
  const { t } = useTranslation();
  const { customerId = '' } = useParams();
  const settings = useSettings(customerId);
  const save = useSaveSettings(customerId);
  const saveOnce = useSubmitOnce();
  const canWrite = useCanWrite();
  const form = useForm<SettingsForm>({
    initialValues: {
      defaultPackage: null,
      autoAssignBasicLicences: true,
      defaultPreferredWebexSite: '',
      extensionLength: 4,
      defaultImportBehaviour: 'add-only',
    },
    validate: {
      extensionLength: (value) => (isExtensionLength(value) ? null : t('settings.extensionLengthRange')),
    },
    // Say what is wrong while typing, not only after Save.
    validateInputOnChange: ['extensionLength'],
  });
  const extensionLengthHandlers = useRef<NumberInputHandlers>(null);
  const { setValues, resetDirty, isDirty } = form;
  // The settings the form was started from, with their ETag: a save sends that ETag as If-Match, so
  // a change someone else made since is refused (412) instead of overwritten (ADR 0092).
  const [base, setBase] = useState<WithEtag<CustomerSettings> | null>(null);
  const [reloading, setReloading] = useState(false);
  const [reloadError, setReloadError] = useState<Error | null>(null);
  const startFrom = useCallback(
    (fresh: WithEtag<CustomerSettings>) => {
      setBase(fresh);
      setValues(toForm(fresh));
      resetDirty(toForm(fresh));
    },
    [setValues, resetDirty],
  );
  useEffect(() => {
    if (!settings.data || settings.data === base) return;
    // A refresh while the admin is editing keeps their input and the ETag it started from: the
    // values shown and the version a save names stay one pair. Untouched, the form follows.
    if (base !== null && isDirty()) return;
    startFrom(settings.data);
  }, [settings.data, base, isDirty, startFrom]);
  const stale = isStaleEdit(save.error);
  const reload = async () => {
    setReloading(true);
    setReloadError(null);
    try {
      const fresh = await settings.refetch();
      // A failed refetch still answers the settings read before: starting from those would drop
      // the admin's input and the notice, and the next save would meet the same 412.
      if (fresh.isError) setReloadError(fresh.error);
      else if (fresh.data) {
        startFrom(fresh.data);
        save.reset();
      }
    } finally {
      setReloading(false);
    }
  };

  const submit = form.onSubmit((values) =>
    saveOnce.run(
      () =>
        save.mutateAsync({
          settings: {
            defaultPackage: values.defaultPackage,
            autoAssignBasicLicences: values.autoAssignBasicLicences,
            defaultPreferredWebexSite: values.defaultPreferredWebexSite.trim() || null,
            extensionLength: Number(values.extensionLength),
            defaultImportBehaviour: values.defaultImportBehaviour,
          },
          etag: base?.etag,
        }),
      {
        // The form goes on from what was stored, and its new ETag.
        onSuccess: startFrom,
        // A refusal about one setting (extensions of another length in use) is shown at that setting.
        onError: (error) => {
          const { byField } = sortErrorsByField(error, Object.keys(values), t);
          for (const [field, message] of Object.entries(byField)) form.setFieldError(field, message);
        },
      },
    ),
  );

  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      <Paper maw={720}>
        {settings.isPending ? (
          <Skeleton h={320} aria-busy="true" />
        ) : settings.isError && base === null ? (
          // Only when there is no form yet: a later read that fails (a Reload, a refresh) must not
          // take away the form and what the admin typed in it.
          <ErrorAlert error={settings.error} />
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack>
              <Select
                label={t('settings.defaultPackage')}
                description={t('settings.defaultPackageHint')}
                clearable
                placeholder={t('common.none')}
                data={userPackages.map((entry) => ({ value: entry.id, label: t(entry.nameKey) }))}
                {...form.getInputProps('defaultPackage')}
              />
              <Switch
                label={t('settings.autoAssign')}
                description={t('settings.autoAssignHint')}
                {...form.getInputProps('autoAssignBasicLicences', { type: 'checkbox' })}
              />
              <TextInput
                label={t('settings.defaultSite')}
                placeholder="acme.webex.com"
                {...form.getInputProps('defaultPreferredWebexSite')}
              />
              {/* No clamping: a silent 12 → 10 would save a length nobody chose. The value stays as typed
                  and the rule says what is allowed. The step buttons are our own, so they have names. */}
              <NumberInput
                label={t('settings.extensionLength')}
                description={t('settings.extensionLengthHint')}
                min={extensionLengthRange.min}
                max={extensionLengthRange.max}
                clampBehavior="none"
                allowDecimal={false}
                allowNegative={false}
                handlersRef={extensionLengthHandlers}
                rightSectionWidth={64}
                rightSection={
                  <Group gap={2} wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      aria-label={t('settings.extensionLengthDecrease')}
                      onClick={() => extensionLengthHandlers.current?.decrement()}
                    >
                      −
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      aria-label={t('settings.extensionLengthIncrease')}
                      onClick={() => extensionLengthHandlers.current?.increment()}
                    >
                      +
                    </ActionIcon>
                  </Group>
                }
                {...form.getInputProps('extensionLength')}
              />
              <Radio.Group
                label={t('settings.defaultImport')}
                {...form.getInputProps('defaultImportBehaviour')}
              >
                <Stack gap="xs" mt="xs">
                  <Radio value="add-only" label={t('imports.addOnly')} />
                  <Radio value="add-remove" label={t('imports.addRemove')} />
                </Stack>
              </Radio.Group>
              {stale ? (
                <StaleEditAlert
                  record="settings"
                  onReload={() => void reload()}
                  reloading={reloading}
                  reloadError={reloadError}
                />
              ) : save.isError ? (
                <ErrorAlert error={save.error} fieldsShown={Object.keys(form.values)} />
              ) : null}
              {save.isSuccess && !form.isDirty() ? <Alert color="green">{t('common.saved')}</Alert> : null}
              <Group justify="flex-end">
                <Button type="submit" loading={saveOnce.pending} disabled={!canWrite}>
                  {t('common.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Paper>
    </>
  );
}
