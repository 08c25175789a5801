import { useRef, useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { CopyTextButton } from '../../../components/ui/copy-text-button.tsx';
import { EmptyState } from '../../../components/ui/empty-state.tsx';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { TableSkeleton } from '../../../components/ui/table-skeleton.tsx';
import { userPackages } from '../../../lib/package-catalog.ts';
import { useDirectorySyncEnabled } from '../../../lib/use-directory-sync-enabled.ts';
import { useCanWrite } from '../../../lib/permissions.tsx';
import { DirectorySyncNotice } from '../../../components/ui/directory-sync-notice.tsx';
import {
  isVerified,
  maxClaimsAtOnce,
  txtRecordOf,
  useAddDomain,
  useClaimAccounts,
  useClaimableAccounts,
  useDomains,
} from '../api/claims.ts';
import type { VerifiedDomain } from '../api/claims.ts';
import { useSubmitOnce } from '../../../lib/use-submit-once.ts';
import { VerifyDomainButton } from './verify-domain-button.tsx';
import { ClaimByCsv } from './claim-by-csv.tsx';
import { ClaimResults } from './claim-results.tsx';

/** A DNS name such as acme.nl: letters, digits, dots and hyphens, ending in a top-level domain. */
function isDomainName(value: string): boolean {
  return /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(value);
}

/**
 * The DNS TXT record to create, as name and value the admin can copy into the DNS provider's form.
 * On a phone the long value wraps anywhere and the copy button keeps its full width ("Kopiëren").
 */
function TxtRecord({ name, value }: { name: string; value: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} mt={4}>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Text size="sm" style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
          {t('claims.recordName')}: <Code>{name}</Code>
        </Text>
        <CopyTextButton
          value={name}
          label={t('claims.copyRecordName')}
          copiedLabel={t('claims.recordNameCopied')}
        />
      </Group>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Text size="sm" style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
          {t('claims.recordValue')}: <Code>{value}</Code>
        </Text>
        <CopyTextButton
          value={value}
          label={t('claims.copyRecordValue')}
          copiedLabel={t('claims.recordValueCopied')}
        />
      </Group>
    </Stack>
  );
}

/** Claim users (SPEC §5): prove a domain by DNS TXT record, then claim free accounts in it. */
export function ClaimUsersPage() {
  const { t } = useTranslation();
  const { customerId = '' } = useParams();
  const domains = useDomains(customerId);
  const addDomain = useAddDomain(customerId);
  const addDomainOnce = useSubmitOnce();
  // Each domain's Verify sends its own lookup (VerifyDomainButton); the page keeps what the lookups
  // said: the domains whose record was not found (a 200 with verified:false), and the last failure.
  const [notFoundDomains, setNotFoundDomains] = useState<readonly string[]>([]);
  const [verifyError, setVerifyError] = useState<unknown>(null);
  const verifyStarted = (domain: string) => {
    setVerifyError(null);
    setNotFoundDomains((current) => current.filter((entry) => entry !== domain));
  };
  const verifyAnswered = (domain: string, answer: VerifiedDomain) => {
    if (!isVerified(answer))
      setNotFoundDomains((current) => [...current.filter((entry) => entry !== domain), domain]);
  };
  const anyVerified = (domains.data ?? []).some(isVerified);
  // ADR 0067: claiming creates users, which the directory does while sync is on (the API answers 409).
  const syncOn = useDirectorySyncEnabled(customerId).data === true;
  const claimable = useClaimableAccounts(customerId, anyVerified);
  const claim = useClaimAccounts(customerId);
  const claimOnce = useSubmitOnce();
  // The package the last claim asked for: a warning that does not name its package is about it.
  const claimedPackage = claim.variables?.packageId ?? null;
  // Read-only admins see the page but nothing that claims or changes a domain (the server refuses
  // them anyway).
  const canWrite = useCanWrite();
  const [domain, setDomain] = useState('');
  // Checked (and its error shown) after the field is left or the form sent, not while typing.
  const [domainChecked, setDomainChecked] = useState(false);
  const domainInput = useRef<HTMLInputElement>(null);
  const domainError =
    domainChecked && !isDomainName(domain.trim())
      ? t('claims.domainInvalid', { value: domain.trim() })
      : undefined;
  const submitDomain = (event: React.FormEvent) => {
    event.preventDefault();
    setDomainChecked(true);
    if (!isDomainName(domain.trim())) {
      // The error appears under the field while focus stays on the button, unheard by a screen
      // reader: on the field, its aria-invalid and aria-describedby make it read the reason out.
      domainInput.current?.focus();
      return;
    }
    addDomainOnce.run(() => addDomain.mutateAsync(domain.trim().toLowerCase()), {
      onSuccess: () => {
        setDomain('');
        setDomainChecked(false);
      },
    });
  };
  const [selected, setSelected] = useState<string[]>([]);
  const [packageId, setPackageId] = useState<string | null>(null);
  const accounts = claimable.data ?? [];
  const toggle = (id: string) =>
    setSelected((current) =>
      current.includes(id)
        ? current.filter((entry) => entry !== id)
        : current.length < maxClaimsAtOnce
          ? [...current, id]
          : current,
    );

  return (
    <>
      <PageHeader
        above={
          <Anchor component={Link} to={`/control/${customerId}/users`} size="sm">
            ← {t('nav.users')}
          </Anchor>
        }
        title={t('users.claimUsers')}
        description={t('claims.description')}
      />
      {syncOn ? <DirectorySyncNotice customerId={customerId} /> : null}
      <Stack>
        <Paper>
          <Title order={2} size="h4" mb="sm">
            {t('claims.domains')}
          </Title>
          {/* A form: Enter adds too. The field says what is wrong once the admin leaves it or presses
              Add domain; a disabled button alone named neither the field nor the reason. A read-only
              admin gets neither (the server refuses its domain changes): only the domains' state. */}
          {canWrite ? (
            <form onSubmit={submitDomain} noValidate>
              <Group align="flex-start" mb="md">
                <TextInput
                  ref={domainInput}
                  label={t('claims.domain')}
                  placeholder="acme.nl"
                  value={domain}
                  onChange={(event) => {
                    setDomain(event.currentTarget.value);
                    setDomainChecked(false);
                  }}
                  onBlur={() => setDomainChecked(domain.trim() !== '')}
                  error={domainError}
                  w={280}
                />
                <Button
                  type="submit"
                  // Lined up with the input under its label (one line of label text), also while the
                  // error shows below the input.
                  mt="calc(var(--mantine-font-size-sm) * var(--mantine-line-height))"
                  disabled={domain.trim() === ''}
                  loading={addDomainOnce.pending}
                >
                  {t('claims.addDomain')}
                </Button>
              </Group>
            </form>
          ) : null}
          {addDomain.isError ? <ErrorAlert error={addDomain.error} /> : null}
          {verifyError ? <ErrorAlert error={verifyError} title={t('claims.verifyFailed')} /> : null}
          {domains.isPending ? (
            <TableSkeleton rows={2} />
          ) : domains.isError ? (
            <ErrorAlert error={domains.error} />
          ) : (domains.data ?? []).length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('claims.noDomains')}
            </Text>
          ) : (
            <Stack gap="sm">
              {(domains.data ?? []).map((entry) => {
                const record = txtRecordOf(entry);
                return (
                  <Paper key={entry.domain} p="sm" bg="gray.0">
                    <Group justify="space-between">
                      <Group gap="xs">
                        <Text fw={600}>{entry.domain}</Text>
                        <Badge color={isVerified(entry) ? 'green' : 'yellow'}>
                          {isVerified(entry) ? t('claims.verified') : t('claims.unverified')}
                        </Badge>
                      </Group>
                      {canWrite && !isVerified(entry) ? (
                        <VerifyDomainButton
                          customerId={customerId}
                          domain={entry.domain}
                          onStart={verifyStarted}
                          onAnswer={verifyAnswered}
                          onError={setVerifyError}
                        />
                      ) : null}
                    </Group>
                    {!isVerified(entry) && notFoundDomains.includes(entry.domain) ? (
                      // The lookup answered 200 with verified:false: say so, and which record to create.
                      <Alert
                        color="orange"
                        mt="xs"
                        role="alert"
                        title={t('claims.notFoundTitle', { domain: entry.domain })}
                        data-testid="txt-not-found"
                      >
                        <Text size="sm">{t('claims.notFoundText')}</Text>
                        <TxtRecord name={record.name} value={record.value} />
                      </Alert>
                    ) : !isVerified(entry) ? (
                      <Stack gap={4} mt="xs">
                        <Text size="sm">{t('claims.txtHint')}</Text>
                        <TxtRecord name={record.name} value={record.value} />
                      </Stack>
                    ) : null}
                  </Paper>
                );
              })}
            </Stack>
          )}
        </Paper>
        <Paper>
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4">
              {t('claims.accounts')}
            </Title>
            {canWrite ? (
              <Button
                disabled={selected.length === 0 || syncOn}
                loading={claimOnce.pending}
                onClick={() =>
                  claimOnce.run(() => claim.mutateAsync({ accountIds: selected, packageId }), {
                    onSuccess: () => setSelected([]),
                  })
                }
              >
                {t('claims.claimSelected', { count: selected.length })}
              </Button>
            ) : null}
          </Group>
          {claim.isError ? <ErrorAlert error={claim.error} /> : null}
          {claim.data ? (
            // The accounts list below no longer holds the claimed ones.
            <ClaimResults result={claim.data} claimedPackage={claimedPackage} testIdPrefix="claim" />
          ) : null}
          <Select
            label={t('claims.packageLabel')}
            // A placeholder cannot wrap: short enough for a phone, the full rule in the description.
            placeholder={t('claims.packageDefault')}
            description={t('claims.packageHint')}
            clearable
            w={400}
            maw="100%"
            mb="sm"
            data={userPackages.map((entry) => ({ value: entry.id, label: t(entry.nameKey) }))}
            value={packageId}
            onChange={setPackageId}
          />
          {!anyVerified ? (
            <Text size="sm" c="dimmed">
              {t('claims.verifyFirst')}
            </Text>
          ) : claimable.isPending ? (
            <TableSkeleton rows={3} />
          ) : claimable.isError ? (
            <ErrorAlert error={claimable.error} />
          ) : accounts.length === 0 ? (
            <EmptyState title={t('claims.none')} />
          ) : (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40} />
                  <Table.Th>{t('users.email')}</Table.Th>
                  <Table.Th>{t('users.name')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {accounts.map((account) => (
                  <Table.Tr key={account.id}>
                    <Table.Td>
                      <Checkbox
                        aria-label={account.email}
                        checked={selected.includes(account.id)}
                        onChange={() => toggle(account.id)}
                      />
                    </Table.Td>
                    <Table.Td>{account.email}</Table.Td>
                    <Table.Td>
                      {[account.firstName, account.lastName].filter(Boolean).join(' ') || '—'}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Text size="xs" c="dimmed" mt="sm">
            {t('claims.limit', { max: maxClaimsAtOnce })}
          </Text>
        </Paper>
        <ClaimByCsv customerId={customerId} syncOn={syncOn} anyVerified={anyVerified} />
      </Stack>
    </>
  );
}
