import { useState } from 'react';
import { Button, Group, Paper, Select, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { FileDropZone } from '../../../components/ui/file-drop-zone.tsx';
import { useCanWrite } from '../../../lib/permissions.tsx';
import { userPackages } from '../../../lib/package-catalog.ts';
import { useSubmitOnce } from '../../../lib/use-submit-once.ts';
import { useClaimAccountsFromCsv } from '../api/claims.ts';
import { claimCsvTemplateHref, claimCsvTemplateName } from './claim-csv-template.ts';
import { ClaimResults } from './claim-results.tsx';

/**
 * Claim any number of free accounts from a CSV file (SPEC §5): which column the file needs and a
 * template with it, the file and the package, then per account what the list claim shows, or the
 * server's refusal of the whole file (empty, not CSV, too large, no email column) in the admin's
 * language. A read-only admin reads what the file needs but gets no upload; while directory sync
 * is on (ADR 0067) or before a domain is verified, the upload is off, as the list claim is.
 */
export function ClaimByCsv({
  customerId,
  syncOn,
  anyVerified,
}: {
  customerId: string;
  syncOn: boolean;
  anyVerified: boolean;
}) {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const claim = useClaimAccountsFromCsv(customerId);
  const claimOnce = useSubmitOnce();
  const [file, setFile] = useState<File | null>(null);
  const [packageId, setPackageId] = useState<string | null>(null);
  const emailHeader = t('claims.csvEmailHeader');
  const chooseFile = (chosen: File) => {
    // A new file starts afresh: the last file's results or refusal are not about it.
    claim.reset();
    setFile(chosen);
  };
  const upload = () => {
    if (!file) return;
    claimOnce.run(() => claim.mutateAsync({ file, packageId }), {
      // Claimed once: the same file again would only answer "already a user" for each account. A
      // file chosen while this one was on its way stays chosen.
      onSuccess: () => setFile((current) => (current === file ? null : current)),
    });
  };
  return (
    <Paper data-testid="claim-csv">
      <Title order={2} size="h4" mb="xs">
        {t('claims.csvTitle')}
      </Title>
      <Text size="sm" mb="sm">
        {t('claims.csvHint', { column: emailHeader })}
      </Text>
      <Button
        component="a"
        href={claimCsvTemplateHref(emailHeader)}
        download={claimCsvTemplateName}
        variant="default"
        mb="md"
      >
        {t('claims.downloadTemplate')}
      </Button>
      {canWrite ? (
        <>
          <FileDropZone
            accept=".csv,text/csv"
            onFile={chooseFile}
            title={t('claims.csvDropTitle')}
            hint={t('claims.csvDropHint')}
            buttonLabel={t('claims.chooseFile')}
            fileName={file?.name ?? null}
          />
          <Group align="flex-end" mt="sm" mb="sm">
            <Select
              label={t('claims.csvPackageLabel')}
              placeholder={t('claims.packageDefault')}
              description={t('claims.packageHint')}
              clearable
              w={400}
              maw="100%"
              data={userPackages.map((entry) => ({ value: entry.id, label: t(entry.nameKey) }))}
              value={packageId}
              onChange={setPackageId}
            />
            <Button disabled={!file || syncOn || !anyVerified} loading={claimOnce.pending} onClick={upload}>
              {t('claims.claimFromFile')}
            </Button>
          </Group>
          {!anyVerified ? (
            <Text size="sm" c="dimmed" mb="sm">
              {t('claims.verifyFirst')}
            </Text>
          ) : null}
          {claim.isError ? <ErrorAlert error={claim.error} refusedTitle={t('claims.csvRefused')} /> : null}
          {claim.data ? (
            <ClaimResults
              result={claim.data}
              claimedPackage={claim.variables?.packageId ?? null}
              testIdPrefix="claim-csv"
            />
          ) : null}
        </>
      ) : null}
    </Paper>
  );
}
