import { useCallback, useState } from 'react';
import { Alert, Anchor, Button, Group, Paper, Stack, Stepper, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { maxUsersPerSubmission, useAddUsers } from '../api/add-users.ts';
import { useDirectorySyncEnabled } from '../../../lib/use-directory-sync-enabled.ts';
import { useExtensionLength } from '../api/extension-length.ts';
import { useLocationOptions } from '../api/list-locations.ts';
import { useSoldPackageIds } from '../api/sold-packages.ts';
import { DirectorySyncNotice } from '../../../components/ui/directory-sync-notice.tsx';
import { ManualRowFields } from './manual-row-fields.tsx';
import type { ManualRow } from './manual-rows-rules.ts';
import { canAddRow, emptyRow, hasErrors, manualRowErrors, toNewUsers } from './manual-rows-rules.ts';
import { failedRowsToFix, resultFailed, type FailedRowErrors } from './failed-rows.ts';
import { packageChoices } from './package-choices.ts';
import { PackageName } from './package-name.tsx';
import { resultWarnings } from './result-warnings.ts';
import { addUsersErrorLines } from './add-users-error-lines.ts';
import { focusFirstInvalidField } from '../../../lib/invalid-field-focus.ts';
import { useSubmitOnce } from '../../../lib/use-submit-once.ts';

const doneStep = 2;

/** Help text "Add users by hand": enter users (up to 25), Next, Next, Close. */
export function AddUsersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { customerId = '' } = useParams();
  const locations = useLocationOptions(customerId);
  const add = useAddUsers(customerId);
  const [step, setStep] = useState(0);
  const [rows, setRows] = useState<ManualRow[]>(() => [emptyRow()]);
  const [showErrors, setShowErrors] = useState(false);
  // The server's reason per row key, from the last submission, shown beside the rows to fix.
  const [serverErrors, setServerErrors] = useState<FailedRowErrors>({});
  const sold = useSoldPackageIds(customerId);
  const packages = packageChoices(sold.data);
  const extensionLength = useExtensionLength(customerId).data ?? null;
  const errors = manualRowErrors(rows, extensionLength);
  const usersPath = `/control/${customerId}/users`;
  // ADR 0067: while directory sync is on the directory creates the users (the API answers 409).
  const syncOn = useDirectorySyncEnabled(customerId).data === true;

  const update = (index: number, change: Partial<ManualRow>) =>
    setRows((current) => current.map((row, position) => (position === index ? { ...row, ...change } : row)));
  const addRow = () => setRows((current) => (canAddRow(current) ? [...current, emptyRow()] : current));
  const removeRow = (index: number) =>
    setRows((current) => current.filter((_, position) => position !== index));

  const toReview = () => {
    setShowErrors(true);
    if (hasErrors(errors)) focusFirstInvalidField(document);
    else setStep(1);
  };
  // A double click adds the users once (a second request would answer "already exists" for each, and
  // its answer would replace the results).
  const submitOnce = useSubmitOnce();
  const submit = () =>
    submitOnce.run(() => add.mutateAsync(toNewUsers(rows)), { onSuccess: () => setStep(doneStep) });
  const results = add.data ?? [];
  // Next replaces the step, and the button pressed with it: focus goes to the new step's first words
  // (the users to add, then the outcome), not back to the start of the page, so a keyboard or
  // screen-reader user goes on from there. A ref callback: it runs as the step appears.
  const focusOnArrival = useCallback((element: HTMLElement | null) => element?.focus(), []);
  const failed = results.filter(resultFailed).length;
  const warned = results.filter(
    (result, index) => resultWarnings(result, rows[index]?.package, t).length > 0,
  ).length;
  const fixFailedRows = () => {
    const toFix = failedRowsToFix(rows, results);
    setRows(toFix.rows);
    setServerErrors(toFix.errors);
    setShowErrors(true);
    add.reset();
    setStep(0);
  };

  return (
    <>
      <PageHeader
        above={
          <Anchor component={Link} to={usersPath} size="sm">
            ← {t('nav.users')}
          </Anchor>
        }
        title={t('users.addManually')}
        description={t('addUsers.description', { max: maxUsersPerSubmission })}
      />
      {syncOn ? <DirectorySyncNotice customerId={customerId} /> : null}
      {/* While sync is on there is no form: steps above nothing would suggest one is still to come. */}
      {syncOn && step === 0 ? null : (
        // On the last step the flow is over: one past it marks every step complete, "Done" included,
        // instead of leaving "Done" looking like work still in progress. When not every user was added,
        // "Done" is not a success: it stays current, marked red (none added) or orange (some).
        <Stepper active={step === doneStep && failed === 0 ? doneStep + 1 : step} size="sm" mb="lg">
          <Stepper.Step label={t('addUsers.stepEnter')} />
          <Stepper.Step label={t('addUsers.stepReview')} />
          {step === doneStep && failed > 0 ? (
            <Stepper.Step
              label={t('addUsers.stepDone')}
              description={
                failed === results.length ? t('addUsers.stepDoneNoneAdded') : t('addUsers.stepDoneSomeFailed')
              }
              color={failed === results.length ? 'red' : 'orange'}
              progressIcon={<span aria-hidden="true">{failed === results.length ? '✕' : '!'}</span>}
              data-testid="done-step-not-all-added"
            />
          ) : (
            <Stepper.Step label={t('addUsers.stepDone')} />
          )}
        </Stepper>
      )}
      {step === 0 && !syncOn ? (
        <Stack>
          {rows.map((row, index) => (
            <ManualRowFields
              key={row.key}
              row={row}
              index={index}
              errors={showErrors ? (errors[index] ?? {}) : {}}
              locations={locations.data ?? []}
              packages={packages}
              extensionLength={extensionLength}
              {...(serverErrors[row.key] ? { serverErrors: serverErrors[row.key] } : {})}
              onChange={(change) => update(index, change)}
              {...(rows.length > 1 ? { onRemove: () => removeRow(index) } : {})}
            />
          ))}
          <Group justify="space-between">
            <Group gap="sm">
              <Button variant="default" onClick={addRow} disabled={!canAddRow(rows)} data-testid="add-row">
                {t('addUsers.addAnother')}
              </Button>
              <Text
                size="sm"
                c={canAddRow(rows) ? 'dimmed' : 'orange.8'}
                aria-live="polite"
                data-testid="row-count"
              >
                {canAddRow(rows)
                  ? // The noun follows the maximum ("1 of at most 25 users"), so that is the plural count.
                    t('addUsers.count', { entered: rows.length, count: maxUsersPerSubmission })
                  : t('addUsers.limitReached', { max: maxUsersPerSubmission })}
              </Text>
            </Group>
            <Group gap="sm">
              <Button variant="default" onClick={() => void navigate(usersPath)}>
                {t('common.cancel')}
              </Button>
              <Button onClick={toReview}>{t('common.next')}</Button>
            </Group>
          </Group>
          {showErrors && hasErrors(errors) ? (
            <Alert color="red" role="alert">
              {t('addUsers.fixErrors')}
            </Alert>
          ) : null}
        </Stack>
      ) : null}
      {step === 1 ? (
        <Paper>
          <Text mb="sm" ref={focusOnArrival} tabIndex={-1}>
            {t('addUsers.reviewText', { count: rows.length })}
          </Text>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users.name')}</Table.Th>
                <Table.Th>{t('users.email')}</Table.Th>
                <Table.Th>{t('users.package')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.key}>
                  <Table.Td>
                    {row.firstName} {row.lastName}
                  </Table.Td>
                  <Table.Td>{row.email}</Table.Td>
                  <Table.Td>
                    <PackageName id={row.package} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {add.isError ? <ErrorAlert error={add.error} /> : null}
          <Group justify="space-between" mt="md">
            <Button variant="default" onClick={() => setStep(0)}>
              {t('common.back')}
            </Button>
            <Button onClick={submit} loading={submitOnce.pending} disabled={submitOnce.pending}>
              {t('common.next')}
            </Button>
          </Group>
        </Paper>
      ) : null}
      {step === doneStep ? (
        <Paper>
          <Alert
            color={failed > 0 ? 'orange' : warned > 0 ? 'yellow' : 'green'}
            mb="md"
            data-testid="add-users-result"
            ref={focusOnArrival}
            tabIndex={-1}
          >
            {failed > 0
              ? t('addUsers.someFailed', { count: rows.length - failed, failed })
              : t('addUsers.allAdded', { count: rows.length })}
            {warned > 0 ? ` ${t('addUsers.someWarned', { count: warned })}` : null}
          </Alert>
          <Table>
            <Table.Tbody>
              {rows.map((row, index) => {
                const result = results[index];
                return (
                  <Table.Tr key={row.key}>
                    <Table.Td>{row.email}</Table.Td>
                    <Table.Td>
                      {resultFailed(result) ? (
                        // Each reason on a line of its own, with the column it is about (SPEC §6).
                        addUsersErrorLines(result, t).map((line) => (
                          <Text key={line} c="red" size="sm" data-testid={`result-error-${index + 1}`}>
                            {line}
                          </Text>
                        ))
                      ) : result?.result === 'pending_user_migration' ? (
                        <Text c="yellow.8" size="sm">
                          {t('addUsers.pendingMigration')}
                        </Text>
                      ) : (
                        <Text c="green.8" size="sm">
                          {t('addUsers.added')}
                        </Text>
                      )}
                      {resultWarnings(result, row.package, t).map((warning) => (
                        // Added, but with something the admin must know about (a missing preferred
                        // Webex site makes meetings misbehave later), in the language now shown.
                        <Text
                          key={warning}
                          c="yellow.9"
                          size="sm"
                          data-testid={`result-warning-${index + 1}`}
                        >
                          {warning}
                        </Text>
                      ))}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          <Group justify="flex-end" mt="md">
            {failed > 0 ? (
              <Button variant="default" onClick={fixFailedRows} data-testid="fix-failed-rows">
                {t('addUsers.fixFailedRows')}
              </Button>
            ) : null}
            <Button onClick={() => void navigate(usersPath)}>{t('common.close')}</Button>
          </Group>
        </Paper>
      ) : null}
    </>
  );
}
