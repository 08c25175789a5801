import type { ReactNode } from 'react';
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { isApiError } from '../../../lib/api-error.ts';
import { provisioningErrorText } from '../../../lib/provisioning-error.ts';
import { useCanWrite } from '../../../lib/permissions.tsx';
import { StatusBadge } from '../../../components/ui/status-badge.tsx';
import { useDirectorySyncEnabled } from '../../../lib/use-directory-sync-enabled.ts';
import { useUser } from '../api/get-user.ts';
import { useLocationOptions } from '../api/list-locations.ts';
import { useRepairUser } from '../api/repair-user.ts';
import type { UserDetails } from '../api/update-user.ts';
import type { User } from '../api/user-types.ts';
import { fullName } from '../api/user-types.ts';
import { ChangePackageDialog } from './change-package-dialog.tsx';
import { EditUserDialog } from './edit-user-dialog.tsx';
import { RemoveUserDialog } from './remove-user-dialog.tsx';
import { PackageName } from './package-name.tsx';
import { useSubmitOnce } from '../../../lib/use-submit-once.ts';

function Field({ label, children }: { label: string; children: ReactNode }) {
  // A grid cell no wider than its column, its value wrapped anywhere: a 200-character email or display
  // name stays whole and readable instead of running over the next column.
  return (
    <Stack gap={2} miw={0}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Stack>
  );
}

function ProvisioningErrors({ customerId, user }: { customerId: string; user: User }) {
  const { t } = useTranslation();
  const repair = useRepairUser(customerId, user.id);
  const repairOnce = useSubmitOnce();
  const canWrite = useCanWrite();
  if (user.status !== 'error' && (user.errors ?? []).length === 0) return null;
  return (
    <Alert
      color="red"
      title={t('userDetail.provisioningError')}
      role="alert"
      data-testid="provisioning-errors"
    >
      <List size="sm" mb="sm">
        {(user.errors ?? []).map((error, index) => (
          <List.Item key={`${error.code}-${index}`}>{provisioningErrorText(error, t)}</List.Item>
        ))}
      </List>
      <Text size="sm" mb="sm">
        {t('userDetail.remedy')}
      </Text>
      {repair.isError ? <ErrorAlert error={repair.error} /> : null}
      <Button
        color="red"
        variant="light"
        onClick={() => repairOnce.run(() => repair.mutateAsync())}
        loading={repairOnce.pending}
        disabled={!canWrite}
      >
        {t('userDetail.repair')}
      </Button>
    </Alert>
  );
}

export function UserDetailPage() {
  const { t } = useTranslation();
  const { customerId = '', userId = '' } = useParams();
  const user = useUser(customerId, userId);
  const locations = useLocationOptions(customerId);
  const directorySync = useDirectorySyncEnabled(customerId);
  const [changing, { open, close }] = useDisclosure(false);
  const [editing, editDialog] = useDisclosure(false);
  const [removing, removeDialog] = useDisclosure(false);
  const canWrite = useCanWrite();
  const back = (
    <Anchor component={Link} to={`/control/${customerId}/users`} size="sm">
      ← {t('nav.users')}
    </Anchor>
  );
  if (user.isPending) {
    return (
      <>
        <PageHeader above={back} title={<Skeleton h={32} w={240} />} />
        <Skeleton h={300} />
      </>
    );
  }
  if (user.isError) {
    // An unknown (or removed) user is not a failure to load: say it is not there, as for a customer.
    const notFound = isApiError(user.error) && user.error.status === 404;
    return (
      <>
        <PageHeader above={back} title={t('users.title')} />
        {notFound ? (
          <EmptyState title={t('common.notFoundTitle')} description={t('common.notFoundText')} />
        ) : (
          <ErrorAlert error={user.error} />
        )}
      </>
    );
  }
  const data: UserDetails = user.data;
  const locationName =
    locations.data?.find((location) => location.id === data.locationId)?.name ?? data.locationId;
  const yesNo = (value: boolean | null | undefined) => (value ? t('common.yes') : t('common.no'));
  return (
    <>
      <PageHeader
        above={back}
        title={fullName(data)}
        description={data.email}
        actions={
          <Group gap="xs">
            <StatusBadge status={data.status} />
            {data.suspended ? <Badge color="gray">{t('status.suspended')}</Badge> : null}
            {canWrite ? (
              <>
                <Button
                  variant="default"
                  onClick={editDialog.open}
                  disabled={directorySync.isPending}
                  data-testid="edit-user"
                >
                  {t('editUser.edit')}
                </Button>
                <Button color="red" variant="light" onClick={removeDialog.open} data-testid="remove-user">
                  {t('removeUser.action')}
                </Button>
              </>
            ) : null}
          </Group>
        }
      />
      <Stack>
        <ProvisioningErrors customerId={customerId} user={data} />
        <Paper>
          <Group justify="space-between" wrap="nowrap">
            <Stack gap={2}>
              <Title order={2} size="h4">
                {t('userDetail.package')}
              </Title>
              <Text size="sm" data-testid="user-package">
                <PackageName id={data.package} />
                {data.attendantConsole ? ` + ${t('packages.attendant_console')}` : ''}
              </Text>
            </Stack>
            <ActionIcon
              variant="light"
              size="xl"
              radius="xl"
              onClick={open}
              disabled={!canWrite}
              aria-label={t('userDetail.changePackage')}
              data-testid="package-arrow"
            >
              <span aria-hidden="true" style={{ fontSize: 28, lineHeight: 1, marginTop: -3 }}>
                ›
              </span>
            </ActionIcon>
          </Group>
        </Paper>
        <Paper>
          <Title order={2} size="h4" mb="md">
            {t('userDetail.calling')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Field label={t('users.location')}>{locationName || '—'}</Field>
            <Field label={t('users.extension')}>{data.extension || '—'}</Field>
            <Field label={t('users.phoneNumber')}>{data.phoneNumber || '—'}</Field>
            <Field label={t('editUser.callerIdNumber')}>
              <span data-testid="user-caller-id-number">{data.callerIdNumber || '—'}</span>
            </Field>
          </SimpleGrid>
        </Paper>
        <Paper>
          <Title order={2} size="h4" mb="md">
            {t('userDetail.profile')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Field label={t('users.firstName')}>{data.firstName || '—'}</Field>
            <Field label={t('users.lastName')}>{data.lastName || '—'}</Field>
            <Field label={t('users.email')}>{data.email}</Field>
            <Field label={t('editUser.displayName')}>{data.displayName || '—'}</Field>
            <Field label={t('editUser.jobTitle')}>
              <span data-testid="user-title">{data.title || '—'}</span>
            </Field>
            <Field label={t('editUser.department')}>{data.department || '—'}</Field>
            <Field label={t('editUser.manager')}>{data.manager || '—'}</Field>
            <Field label={t('editUser.callerIdName')}>
              {[data.callerIdFirstName, data.callerIdLastName].filter(Boolean).join(' ') || '—'}
            </Field>
            <Field label={t('editUser.preferredLanguage')}>{data.preferredLanguage || '—'}</Field>
            <Field label={t('editUser.timeZone')}>{data.timeZone || '—'}</Field>
            <Field label={t('userDetail.preferredWebexSite')}>{data.preferredWebexSite || '—'}</Field>
            <Field label={t('userDetail.jabberCalling')}>{yesNo(data.jabberCalling)}</Field>
            <Field label={t('userDetail.jabberWebexTeams')}>{yesNo(data.jabberWithWebexTeams)}</Field>
            <Field label={t('userDetail.basicMessaging')}>{yesNo(data.basicLicences?.basicMessaging)}</Field>
            <Field label={t('userDetail.basicSpaceMeetings')}>
              {yesNo(data.basicLicences?.basicSpaceMeetings)}
            </Field>
            <Field label={t('userDetail.callingFromWebex')}>
              {yesNo(data.basicLicences?.callingFromWebex)}
            </Field>
          </SimpleGrid>
        </Paper>
      </Stack>
      {changing ? (
        <ChangePackageDialog customerId={customerId} user={data} opened={changing} onClose={close} />
      ) : null}
      {editing ? (
        <EditUserDialog
          customerId={customerId}
          user={data}
          directorySync={directorySync.data ?? false}
          opened={editing}
          onClose={editDialog.close}
        />
      ) : null}
      {removing ? (
        <RemoveUserDialog
          customerId={customerId}
          user={data}
          opened={removing}
          onClose={removeDialog.close}
        />
      ) : null}
    </>
  );
}
