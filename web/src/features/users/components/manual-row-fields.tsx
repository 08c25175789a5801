import {
  ActionIcon,
  Alert,
  Checkbox,
  Group,
  List,
  Paper,
  Select,
  SimpleGrid,
  Text,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { needsNumberAndLocation } from '../../../lib/package-catalog.ts';
import type { LocationOption, ProvisioningError } from '../api/user-types.ts';
import { addUsersErrorLine } from './add-users-error-lines.ts';
import type { ManualRow } from './manual-rows-rules.ts';
import type { PackageChoice } from './package-choices.ts';

interface ManualRowFieldsProps {
  row: ManualRow;
  index: number;
  errors: Record<string, string>;
  locations: LocationOption[];
  /** The packages the customer was sold (see packageChoices). */
  packages: PackageChoice[];
  /** The customer's extension length (null while unknown), for the extension's error text. */
  extensionLength?: number | null;
  /**
   * Why the server refused this row the last time, shown until it is sent again: under the input of
   * the field a reason names, else beside the row with its column (SPEC §6).
   */
  serverErrors?: readonly ProvisioningError[];
  onChange: (change: Partial<ManualRow>) => void;
  onRemove?: () => void;
}

/** The row's input for each request field the batch answer may name (the location is sent as `location`). */
const INPUT_OF_FIELD: ReadonlyMap<string, string> = new Map([
  ['firstName', 'firstName'],
  ['lastName', 'lastName'],
  ['email', 'email'],
  ['package', 'package'],
  ['attendantConsole', 'attendantConsole'],
  ['location', 'locationId'],
  ['extension', 'extension'],
  ['phoneNumber', 'phoneNumber'],
]);

/** The inputs the row shows: the calling fields only for a package that needs them. */
function shownInputs(row: ManualRow, addOnShown: boolean): ReadonlySet<string> {
  return new Set([
    'firstName',
    'lastName',
    'email',
    'package',
    ...(addOnShown ? ['attendantConsole'] : []),
    ...(needsNumberAndLocation(row.package) ? ['locationId', 'extension', 'phoneNumber'] : []),
  ]);
}

/**
 * The server's reasons for refusing the row: those about a field with an input on screen go under
 * it (its label names the column); the others stay for the row's own message, naming their column.
 */
function sortRefusals(refusals: readonly ProvisioningError[], inputs: ReadonlySet<string>) {
  const byInput = new Map<string, string>();
  const elsewhere: ProvisioningError[] = [];
  for (const refusal of refusals) {
    const input = refusal.field ? INPUT_OF_FIELD.get(refusal.field) : undefined;
    if (input && inputs.has(input)) {
      const before = byInput.get(input);
      byInput.set(input, before ? `${before} ${refusal.description}` : refusal.description);
    } else elsewhere.push(refusal);
  }
  return { byInput, elsewhere };
}

/** One user of the manual-add form: names, email, package, and the calling fields when needed. */
export function ManualRowFields({
  row,
  index,
  errors,
  locations,
  packages,
  extensionLength = null,
  serverErrors = [],
  onChange,
  onRemove,
}: ManualRowFieldsProps) {
  const { t } = useTranslation();
  const label = (key: string) => `${t(key)}`;
  // SPEC §3: the add-on next to a base that allows it, when the customer was sold it.
  const addOn = packages.find((choice) => choice.entry.id === row.package)?.addOn ?? null;
  const refused = sortRefusals(serverErrors, shownInputs(row, addOn !== null));
  const error = (field: string) =>
    errors[field] ? t(errors[field], { count: extensionLength ?? undefined }) : refused.byInput.get(field);
  return (
    <Paper p="md" data-testid={`manual-row-${index + 1}`}>
      <Group justify="space-between" mb="xs">
        <Text fw={600} size="sm">
          {t('addUsers.userNumber', { number: index + 1 })}
        </Text>
        {onRemove ? (
          <ActionIcon
            variant="subtle"
            color="gray"
            onClick={onRemove}
            aria-label={t('addUsers.removeRow', { number: index + 1 })}
          >
            <span aria-hidden="true">✕</span>
          </ActionIcon>
        ) : null}
      </Group>
      {refused.elsewhere.length > 0 ? (
        <Alert color="red" variant="light" mb="sm" data-testid={`row-error-${index + 1}`}>
          <List size="sm">
            {refused.elsewhere.map((refusal, position) => (
              <List.Item key={`${refusal.code}-${position}`}>{addUsersErrorLine(refusal, t)}</List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <TextInput
          label={label('users.firstName')}
          required
          value={row.firstName}
          onChange={(event) => onChange({ firstName: event.currentTarget.value })}
          error={error('firstName')}
          name={`users.${index}.firstName`}
        />
        <TextInput
          label={label('users.lastName')}
          required
          value={row.lastName}
          onChange={(event) => onChange({ lastName: event.currentTarget.value })}
          error={error('lastName')}
          name={`users.${index}.lastName`}
        />
        <TextInput
          label={label('users.email')}
          required
          type="email"
          value={row.email}
          onChange={(event) => onChange({ email: event.currentTarget.value })}
          error={error('email')}
          name={`users.${index}.email`}
        />
        <Select
          label={label('users.package')}
          required
          data={packages.map(({ entry, disabledReason }) => ({
            value: entry.id,
            label: t(entry.nameKey),
            disabled: disabledReason !== null,
          }))}
          value={row.package}
          onChange={(value) => onChange({ package: value })}
          error={error('package')}
          name={`users.${index}.package`}
        />
      </SimpleGrid>
      {addOn ? (
        <Checkbox
          mt="sm"
          label={`${t('changePackage.addOn')}: ${t(addOn.entry.nameKey)}`}
          checked={(row.attendantConsole ?? false) && addOn.disabledReason === null}
          onChange={(event) => onChange({ attendantConsole: event.currentTarget.checked })}
          disabled={addOn.disabledReason !== null}
          description={
            addOn.disabledReason ? t(addOn.disabledReason, addOn.reasonValues) : t('changePackage.addOnHint')
          }
          name={`users.${index}.attendantConsole`}
          error={error('attendantConsole')}
        />
      ) : null}
      {needsNumberAndLocation(row.package) ? (
        <SimpleGrid cols={{ base: 1, sm: 3 }} mt="sm">
          <Select
            label={label('users.location')}
            required
            data={locations.map((location) => ({ value: location.id, label: location.name }))}
            value={row.locationId}
            onChange={(value) => onChange({ locationId: value })}
            error={error('locationId')}
          />
          <TextInput
            label={label('users.extension')}
            value={row.extension}
            inputMode="numeric"
            onChange={(event) => onChange({ extension: event.currentTarget.value })}
            error={error('extension')}
          />
          <TextInput
            label={label('users.phoneNumber')}
            value={row.phoneNumber}
            onChange={(event) => onChange({ phoneNumber: event.currentTarget.value })}
            error={error('phoneNumber')}
          />
        </SimpleGrid>
      ) : null}
    </Paper>
  );
}
