import { useMemo, useState } from 'react';
import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormDialog, showSaved } from '../../../components/ui/form-dialog.tsx';
import { isStaleEdit } from '../../../components/ui/stale-edit-alert.tsx';
import { tKey } from '../../../i18n/t-key.ts';
import { usePatchForm } from '../../../lib/use-patch-form.ts';
import type { WithEtag } from '../../../lib/versioned-request.ts';
import type { Customer } from '../api/customer-types.ts';
import { useUpdateCustomer } from '../api/update-customer.ts';
import { countryOptions } from './country-options.ts';
import { EditedCustomerDialog, type EditedCustomer } from './edited-customer-dialog.tsx';
import type { EditCustomerField } from './edit-customer-values.ts';
import {
  EDIT_CUSTOMER_FIELDS,
  EDIT_CUSTOMER_FIELD_NAMES,
  editCustomerErrors,
  editCustomerPatch,
  editCustomerValuesOf,
} from './edit-customer-values.ts';

const LABELS: Readonly<Record<EditCustomerField, string>> = {
  name: tKey('customers.name'),
  adminEmail: tKey('customers.adminEmail'),
  language: tKey('customers.language'),
  country: tKey('address.country'),
  addressLine1: tKey('address.line1'),
  addressLine2: tKey('address.line2'),
  zipCode: tKey('address.zipCode'),
  city: tKey('address.city'),
  stateOrProvince: tKey('editCustomer.stateOrProvince'),
};

// The wizard's choices; a language the server holds that is not among them stays choosable.
const LANGUAGES = [
  { value: 'nl_NL', label: 'Nederlands' },
  { value: 'en_US', label: 'English (US)' },
  { value: 'en_GB', label: 'English (UK)' },
];

interface EditCustomerDialogProps {
  /** The customer as the page shows it (the shared customer view), with its ETag. */
  customer: WithEtag<Customer>;
  onClose: () => void;
}

/**
 * SPEC §2 fields a partner admin may change after creation; the externalId and packages stay. The
 * form starts from the customer as the page showed it when the dialog opened, and saves with its
 * ETag; a save after someone else changed it is refused (412) and the dialog offers Reload (ADR 0092).
 */
export function EditCustomerDialog({ customer, onClose }: EditCustomerDialogProps) {
  return (
    <EditedCustomerDialog customer={customer}>
      {(edited) => <EditCustomerForm edited={edited} onClose={onClose} />}
    </EditedCustomerDialog>
  );
}

function EditCustomerForm({ edited, onClose }: { edited: EditedCustomer; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const uiLanguage = i18n.language?.startsWith('nl') ? 'nl' : 'en';
  // As read when the form started: a refresh behind it moves neither the values nor the ETag.
  const [customer] = useState(edited.customer);
  const update = useUpdateCustomer(customer.id, customer.etag);
  const stale = isStaleEdit(update.error);
  const initial = useMemo(() => editCustomerValuesOf(customer), [customer]);
  const countries = useMemo(() => countryOptions(uiLanguage), [uiLanguage]);
  const languages = useMemo(
    () =>
      initial.language && !LANGUAGES.some((entry) => entry.value === initial.language)
        ? [...LANGUAGES, { value: initial.language, label: initial.language }]
        : LANGUAGES,
    [initial.language],
  );
  const { values, set, errorOf, showAlert, saving, submit } = usePatchForm({
    initial,
    fields: EDIT_CUSTOMER_FIELD_NAMES,
    check: (current, translate) => editCustomerErrors(current, translate),
    patchOf: (current) => editCustomerPatch(current, initial),
    mutation: update,
    onUnchanged: onClose,
    onSaved: (saved) => {
      showSaved(t('common.saved'), t('editCustomer.savedText', { name: saved.name }));
      onClose();
    },
  });

  return (
    <FormDialog
      title={t('editCustomer.title', { name: customer.name })}
      onClose={onClose}
      onSubmit={submit}
      saving={saving}
      error={showAlert && !stale ? update.error : null}
      fieldsShown={EDIT_CUSTOMER_FIELD_NAMES}
      testId="edit-customer-form"
    >
      <TextInput
        label={t('customers.externalId')}
        value={customer.externalId}
        readOnly
        disabled
        description={t('editCustomer.externalIdFixed')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {EDIT_CUSTOMER_FIELDS.map(({ name, required }) => {
          const common = { label: t(LABELS[name]), error: errorOf(name), required };
          if (name === 'country' || name === 'language') {
            return (
              <Select
                key={name}
                {...common}
                data={name === 'country' ? countries : languages}
                searchable={name === 'country'}
                allowDeselect={false}
                nothingFoundMessage={t('wizard.nothingFound')}
                value={values[name] || null}
                onChange={(value) => set(name, value ?? '')}
              />
            );
          }
          return (
            <TextInput
              key={name}
              {...common}
              type={name === 'adminEmail' ? 'email' : 'text'}
              value={values[name]}
              onChange={(event) => set(name, event.currentTarget.value)}
            />
          );
        })}
      </SimpleGrid>
      {stale ? edited.staleNotice : null}
    </FormDialog>
  );
}
