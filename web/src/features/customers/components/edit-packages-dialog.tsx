import { useMemo, useState } from 'react';
import { Checkbox, NumberInput, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FormDialog, showSaved } from '../../../components/ui/form-dialog.tsx';
import { isStaleEdit } from '../../../components/ui/stale-edit-alert.tsx';
import { findPackage, sellablePackages } from '../../../lib/package-catalog.ts';
import type { WithEtag } from '../../../lib/versioned-request.ts';
import type { Customer } from '../api/customer-types.ts';
import { soldPackages } from '../api/customer-types.ts';
import { useUpdateCustomer } from '../api/update-customer.ts';
import { EditedCustomerDialog, type EditedCustomer } from './edited-customer-dialog.tsx';
import type { PackageChoices } from './edit-packages-values.ts';
import { invalidLimits, limitsBelowUse, packageChoicesOf, packagesPatchOf } from './edit-packages-values.ts';
import { useSubmitOnce } from '../../../lib/use-submit-once.ts';

interface EditPackagesDialogProps {
  /** The customer as the page shows it (the shared customer view), with its ETag. */
  customer: WithEtag<Customer>;
  onClose: () => void;
}

/**
 * SPEC §2 "packages the customer may use with an optional limit per package". The server refuses to
 * drop a package in use or set a limit below its use: the dialog offers neither (a package in use
 * cannot be unticked, a limit below its use is flagged on its row) and still shows the server's
 * refusal when the counts changed meanwhile.
 */
export function EditPackagesDialog({ customer, onClose }: EditPackagesDialogProps) {
  return (
    <EditedCustomerDialog customer={customer}>
      {(edited) => <EditPackagesForm edited={edited} onClose={onClose} />}
    </EditedCustomerDialog>
  );
}

/** The form on the customer as read when it started, saved with its ETag (ADR 0092). */
function EditPackagesForm({ edited, onClose }: { edited: EditedCustomer; onClose: () => void }) {
  const [customer] = useState(edited.customer);
  const { t } = useTranslation();
  const update = useUpdateCustomer(customer.id, customer.etag);
  const stale = isStaleEdit(update.error);
  const updateOnce = useSubmitOnce();
  const ids = useMemo(() => sellablePackages.map((entry) => entry.id), []);
  const initial = useMemo(() => packageChoicesOf(customer, ids), [customer, ids]);
  const used = useMemo(
    () => new Map(soldPackages(customer).map((entry) => [entry.id, entry.used])),
    [customer],
  );
  const [choices, setChoices] = useState<PackageChoices>(initial);
  const [checked, setChecked] = useState<string[]>([]);
  const [belowUse, setBelowUse] = useState<string[]>([]);
  const change = (id: string, next: Partial<PackageChoices[string]>) => {
    setChoices((current) => ({ ...current, [id]: { ...current[id]!, ...next } }));
    setChecked((current) => current.filter((entry) => entry !== id));
    setBelowUse((current) => current.filter((entry) => entry !== id));
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const invalid = invalidLimits(choices);
    const tooLow = limitsBelowUse(choices, used);
    setChecked(invalid);
    setBelowUse(tooLow);
    if (invalid.length > 0 || tooLow.length > 0) return;
    const packages = packagesPatchOf(choices, initial);
    if (!packages) {
      onClose();
      return;
    }
    updateOnce.run(() => update.mutateAsync({ packages }), {
      onSuccess: (saved) => {
        showSaved(t('common.saved'), t('editPackages.savedText', { name: saved.name }));
        onClose();
      },
    });
  };
  return (
    <FormDialog
      title={t('editPackages.title', { name: customer.name })}
      onClose={onClose}
      onSubmit={submit}
      saving={updateOnce.pending}
      error={update.isError && !stale ? update.error : null}
    >
      <Text size="sm" c="dimmed">
        {t('editPackages.hint')}
      </Text>
      <Table withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('wizard.package')}</Table.Th>
            <Table.Th visibleFrom="sm">{t('editPackages.inUse')}</Table.Th>
            {/* On a phone the limit keeps its room: the in-use count moves under the name (locked rows). */}
            <Table.Th w={130}>{t('wizard.limit')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {Object.entries(choices).map(([id, choice]) => {
            const known = findPackage(id);
            const name = known ? t(known.nameKey) : id;
            const holders = used.get(id) ?? 0;
            // Only a package that is sold now can be in use; unticking it would be refused.
            const locked = choice.selected && initial[id]?.selected === true && holders > 0;
            return (
              <Table.Tr key={id}>
                <Table.Td>
                  <Checkbox
                    label={name}
                    checked={choice.selected}
                    disabled={locked}
                    description={locked ? t('editPackages.inUseLocked', { used: holders }) : undefined}
                    onChange={(event) => change(id, { selected: event.currentTarget.checked })}
                  />
                </Table.Td>
                <Table.Td visibleFrom="sm">{used.get(id) ?? '—'}</Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={t('wizard.limitFor', { name })}
                    placeholder={t('wizard.noLimit')}
                    min={0}
                    // Never change what the admin typed (Mantine clamps -5 to 0 on blur): Save
                    // names the limit and the reason instead.
                    clampBehavior="none"
                    allowDecimal={false}
                    size="xs"
                    // Room for the placeholder in either language: the column's width gives way to
                    // the package names on a phone, and cut "Geen limiet" to "Geen limie".
                    miw={104}
                    disabled={!choice.selected}
                    value={choice.limit}
                    error={
                      checked.includes(id)
                        ? t('wizard.limitInvalid', { name })
                        : belowUse.includes(id)
                          ? t('editPackages.limitBelowUse', { used: holders })
                          : undefined
                    }
                    onChange={(value) => change(id, { limit: String(value) })}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {stale ? edited.staleNotice : null}
    </FormDialog>
  );
}
