import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  Progress,
  Radio,
  Stack,
  Stepper,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../components/ui/error-alert.tsx';
import { FileDropZone } from '../../../components/ui/file-drop-zone.tsx';
import { PageHeader } from '../../../components/ui/page-header.tsx';
import { ProgressAnnouncement } from '../../../components/ui/progress-announcement.tsx';
import { StatusBadge } from '../../../components/ui/status-badge.tsx';
import { TableSkeleton } from '../../../components/ui/table-skeleton.tsx';
import { useDirectorySyncEnabled } from '../../../lib/use-directory-sync-enabled.ts';
import { useDefaultImportBehaviour } from '../api/customer-settings.ts';
import {
  errorReportUrl,
  exportUrl,
  fetchImportJob,
  importJobKey,
  isBeingApplied,
  templateUrl,
  useApplyImport,
  useCancelImport,
  useImportJob,
  useUploadImport,
} from '../api/import-job.ts';
import type { ImportBehaviour, ImportJob } from '../api/import-types.ts';
import { messageText, progressOf } from '../api/import-types.ts';
import type { LocalPreview } from '../api/local-preview.ts';
import { previewCsvText } from '../api/local-preview.ts';
import { isAbortError } from '../api/upload-with-progress.ts';
import { CancelApplyButton } from './cancel-apply-button.tsx';
import { ImportCounts } from './import-counts.tsx';
import { ImportRowsSection } from './import-rows-section.tsx';
import { packagesNeedingLocation } from './packages-needing-location.ts';
import { RecentImports } from './recent-imports.tsx';
import { UploadProgressPanel } from './upload-progress.tsx';
import { useSubmitOnce } from '../../../lib/use-submit-once.ts';

/**
 * What a screen reader hears of the dry run, from one polite status that stays in the page from
 * queued to validated: the check's progress at each quarter, then its outcome (counts) once. A
 * status mounted only with the outcome in it is often not read at all.
 */
function DryRunAnnouncement({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const { done, total } = progressOf(job);
  const rows = total ? t('imports.progressRows', { done, count: total }) : t('imports.progressStarting');
  const counts = job.counts ?? {};
  const text =
    job.status === 'validated'
      ? t('imports.dryRunDone', {
          outcome: t('imports.outcomeCountsWould', {
            add: counts.add ?? 0,
            modify: counts.modify ?? 0,
            remove: counts.remove ?? 0,
            count: counts.error ?? 0,
          }),
        })
      : job.status === 'failed'
        ? t('imports.fileRejected')
        : `${t('imports.validating')} ${rows}`;
  const percent = job.status === 'validated' ? 100 : total ? Math.min(100, (done / total) * 100) : 0;
  return <ProgressAnnouncement text={text} percent={percent} state={job.status} />;
}

function JobProgress({ job, label, announce = true }: { job: ImportJob; label: string; announce?: boolean }) {
  const { t } = useTranslation();
  const { done, total } = progressOf(job);
  // A finished job has been through every row, whatever the counter of applied rows says.
  const finished =
    job.status === 'completed' || job.status === 'completed_with_errors' || job.status === 'validated';
  const percent = finished ? 100 : total ? Math.min(100, Math.round((done / total) * 100)) : 0;
  const rows = total ? t('imports.progressRows', { done, count: total }) : t('imports.progressStarting');
  return (
    <Stack gap={6}>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <Text size="sm" c="dimmed">
          {rows}
        </Text>
      </Group>
      {/* Off where the page has one status for all of the job's states (the dry run's). */}
      {announce ? (
        <ProgressAnnouncement text={`${label} ${rows}`} percent={percent} state={job.status} />
      ) : null}
      <Progress
        value={percent}
        color={
          job.status === 'completed'
            ? 'green'
            : job.status === 'completed_with_errors'
              ? 'orange'
              : job.status === 'failed'
                ? 'red'
                : job.status === 'cancelled'
                  ? 'gray'
                  : 'blue'
        }
        // A stopped job no longer moves: the bar stays where it was stopped.
        animated={percent < 100 && job.status !== 'failed' && job.status !== 'cancelled'}
        size="lg"
        aria-label={label}
        data-testid="import-progress"
        data-percent={percent}
      />
    </Stack>
  );
}

function jobFailure(job: ImportJob): string {
  return (
    messageText(job.fileError ?? null) ||
    (job.failure ?? '') ||
    messageText(job.error ?? null) ||
    (job.errors ?? []).map((error) => error.description ?? '').join(' ')
  );
}

/** Help text "Add, modify or remove users by CSV": template, upload, behaviour, preview, apply, results. */
export function CsvImportPage() {
  const { t, i18n } = useTranslation();
  // Upload and Apply make way for the preview and the results: focus goes to their heading, not
  // back to the start of the page, so a keyboard or screen-reader user goes on from there. A ref
  // callback: it runs as the heading appears.
  const focusOnArrival = useCallback((element: HTMLElement | null) => element?.focus(), []);
  const navigate = useNavigate();
  const { customerId = '' } = useParams();
  const usersPath = `/control/${customerId}/users`;
  const defaultBehaviour = useDefaultImportBehaviour(customerId);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<LocalPreview | null>(null);
  const [behaviour, setBehaviour] = useState<ImportBehaviour | null>(null);
  // The import on screen is in the address (`?job=<id>`): a reload, back/forward or a shared link opens
  // it again, and what it shows (preview, progress, results) follows the job's state on the server.
  const [searchParams, setSearchParams] = useSearchParams();
  const dryRunJobId = searchParams.get('job');
  // The job this page's Apply was answered for, until the polled job says itself that it is applied.
  const [appliedHere, setAppliedHere] = useState<string | null>(null);
  // Only a dry run uploaded here is cancelled by Start over: one opened from the history or a link is not.
  const uploadedHere = useRef(new Set<string>());
  // Upload and Apply share one guard: a second click sends nothing while either is on its way.
  const submitOnce = useSubmitOnce();
  // Start over found the job being applied (a second click, another tab): said, and not cancelled.
  const [applyingNotCancelled, setApplyingNotCancelled] = useState(false);
  const openJob = (id: string | null, replace = false) => {
    setSearchParams(id ? { job: id } : {}, { replace });
  };

  const upload = useUploadImport(customerId);
  // Leaving the page stops an upload still under way: nobody would see where it went.
  const cancelUpload = upload.cancel;
  useEffect(() => cancelUpload, [cancelUpload]);
  const uploadCancelled = upload.isError && isAbortError(upload.error);
  const apply = useApplyImport(customerId);
  const cancel = useCancelImport(customerId);
  const dryRun = useImportJob(customerId, dryRunJobId, 'dry-run');
  const applyJobId =
    dryRunJobId && (appliedHere === dryRunJobId || isBeingApplied(dryRun.data)) ? dryRunJobId : null;
  const applied = useImportJob(customerId, applyJobId, 'apply');
  const chosenBehaviour = behaviour ?? defaultBehaviour.data ?? 'add-only';
  // ADR 0067: while directory sync is on, rows for new emails are row errors (the directory adds).
  const syncOn = useDirectorySyncEnabled(customerId).data === true;

  const dryRunJob = dryRun.data;
  const appliedJob = applied.data;
  const activeJob = applyJobId ? appliedJob : dryRunJob;
  const validated = dryRunJob?.status === 'validated';
  const finished =
    appliedJob !== undefined &&
    ['completed', 'completed_with_errors', 'failed', 'cancelled'].includes(appliedJob.status);

  // The users changed when the apply finished, not when it was queued: refresh the list then.
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!finished) return;
    void queryClient.invalidateQueries({ queryKey: ['customers', customerId, 'users'] });
    void queryClient.invalidateQueries({ queryKey: ['customers', customerId, 'imports', 'recent'] });
  }, [finished, queryClient, customerId]);

  useEffect(() => {
    if (!file) return;
    let live = true;
    void file.text().then((text) => {
      if (live) setPreview(previewCsvText(text));
    });
    return () => {
      live = false;
    };
  }, [file]);

  const step = !dryRunJobId ? 0 : !applyJobId ? 1 : finished ? 3 : 2;
  // A failed or cancelled apply did not apply: the Apply step stays the current one, marked red with
  // the outcome, and Results is not completed (the results panel below says why).
  const stopped = appliedJob?.status === 'failed' || appliedJob?.status === 'cancelled';
  const stepperActive = step === 3 ? (stopped ? 2 : 4) : step;

  // Each request's own promise, not mutate()'s callbacks: TanStack Query runs those only for the latest
  // call, so an answer to an earlier one would be lost.
  const startDryRun = () => {
    if (!file) return;
    submitOnce.run(() =>
      upload.mutateAsync({ file, behaviour: chosenBehaviour, dryRun: true }).then((id) => {
        uploadedHere.current.add(id);
        openJob(id);
      }),
    );
  };
  /** The job as the server has it now: the page shows whatever that is (preview, progress, results). */
  const rereadJob = async (id: string) => {
    const job = await queryClient
      .fetchQuery({
        queryKey: importJobKey(customerId, id, 'dry-run'),
        queryFn: ({ signal }) => fetchImportJob(customerId, id, signal),
        staleTime: 0,
      })
      .catch(() => undefined);
    if (isBeingApplied(job)) apply.reset();
    return job;
  };
  const startApply = () => {
    if (!dryRunJobId) return;
    const id = dryRunJobId;
    // The re-read is part of the send: a click while it runs still sends nothing.
    submitOnce.run(() =>
      apply.mutateAsync(id).then(
        (appliedId) => {
          setAppliedHere(appliedId);
          if (appliedId !== id) openJob(appliedId, true);
        },
        // Refused (409: applied meanwhile, by another tab or click): the job's real state decides the view.
        () => rereadJob(id),
      ),
    );
  };
  const startOver = async () => {
    setApplyingNotCancelled(false);
    if (dryRunJobId && !applyJobId && uploadedHere.current.has(dryRunJobId)) {
      // Read again first: cancelling a job that is being applied would stop the import half way.
      const job = await rereadJob(dryRunJobId);
      if (isBeingApplied(job)) {
        setApplyingNotCancelled(true);
        return;
      }
      if (job && ['queued', 'validating', 'validated'].includes(job.status)) cancel.mutate(dryRunJobId);
    }
    setFile(null);
    setPreview(null);
    setAppliedHere(null);
    upload.reset();
    apply.reset();
    openJob(null);
  };
  // The same views as after an upload: a dry run not applied opens its preview (with Apply), an applied
  // import its results. Applying continues the same job, so both phases read the one id.
  const openImport = (job: ImportJob) => {
    setFile(null);
    setPreview(null);
    upload.reset();
    apply.reset();
    setAppliedHere(null);
    openJob(job.id);
  };

  return (
    <>
      <PageHeader
        above={
          <Anchor component={Link} to={usersPath} size="sm">
            ← {t('nav.users')}
          </Anchor>
        }
        title={t('users.csvAddOrModify')}
        description={t('imports.description')}
      />
      {syncOn ? (
        <Alert color="blue" mb="lg" data-testid="csv-sync-no-new-users">
          {t('users.csvSyncNoNewUsers')}{' '}
          {/* Blue 9 and underlined: blue 8 reaches only 4.1:1 on the light blue alert, and the link
              sits in a sentence. */}
          <Anchor component={Link} to={`${usersPath}/directory-sync`} c="blue.9" underline="always">
            {t('users.openDirectorySync')}
          </Anchor>
        </Alert>
      ) : null}
      {/* Results of an import that went through: one past the last step marks them all complete. */}
      <Stepper active={stepperActive} size="sm" mb="lg">
        <Stepper.Step label={t('imports.stepUpload')} />
        <Stepper.Step label={t('imports.stepPreview')} />
        {stopped && appliedJob ? (
          <Stepper.Step
            label={t('imports.stepApply')}
            description={t(`status.${appliedJob.status}`)}
            color="red"
            progressIcon={<span aria-hidden="true">✕</span>}
            data-testid="apply-step-stopped"
          />
        ) : (
          <Stepper.Step label={t('imports.stepApply')} />
        )}
        <Stepper.Step label={t('imports.stepResults')} />
      </Stepper>

      {step === 0 ? (
        <Stack>
          <Paper>
            <Title order={2} size="h4" mb="xs">
              {t('imports.downloadTitle')}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {t('imports.downloadHint')}
            </Text>
            <Group>
              <Button component="a" href={templateUrl(customerId)} download variant="default">
                {t('imports.downloadTemplate')}
              </Button>
              <Button component="a" href={exportUrl(customerId)} download variant="default">
                {t('imports.exportUsers')}
              </Button>
            </Group>
          </Paper>
          <FileDropZone
            accept=".csv,text/csv"
            onFile={setFile}
            title={t('imports.dropTitle')}
            hint={t('imports.dropHint')}
            buttonLabel={t('imports.chooseFile')}
            fileName={file?.name ?? null}
          />
          {/* A binary file has no rows to count: the drop zone already says it is not a CSV file. */}
          {preview && !preview.binary ? (
            <Text size="sm" c="dimmed" data-testid="local-preview">
              {t('imports.localPreview', {
                rows: t('imports.rowCount', { count: preview.rowCount }),
                columns: t('imports.columnCount', { count: preview.headers.length }),
              })}
            </Text>
          ) : null}
          <Paper>
            <Radio.Group
              label={t('imports.behaviourLabel')}
              value={chosenBehaviour}
              onChange={(value) => setBehaviour(value === 'add-remove' ? 'add-remove' : 'add-only')}
            >
              <Stack gap="xs" mt="xs">
                <Radio value="add-only" label={t('imports.addOnly')} description={t('imports.addOnlyHint')} />
                <Radio
                  value="add-remove"
                  label={t('imports.addRemove')}
                  description={t('imports.addRemoveHint')}
                />
              </Stack>
            </Radio.Group>
            <Alert color="blue" variant="light" mt="md">
              {t('imports.mandatoryHint', { packages: packagesNeedingLocation(t, i18n.language) })}
            </Alert>
          </Paper>
          {upload.isPending && upload.progress ? (
            <UploadProgressPanel progress={upload.progress} onCancel={upload.cancel} />
          ) : null}
          {uploadCancelled ? (
            <Alert color="gray" data-testid="upload-cancelled">
              {t('imports.uploadCancelled')}
            </Alert>
          ) : null}
          {upload.isError && !uploadCancelled ? (
            <ErrorAlert error={upload.error} title={t('imports.fileRejected')} />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => void navigate(usersPath)}>
              {t('common.cancel')}
            </Button>
            <Button
              onClick={startDryRun}
              disabled={!file || upload.isPending}
              loading={upload.isPending}
              data-testid="upload"
            >
              {t('imports.upload')}
            </Button>
          </Group>
          <RecentImports customerId={customerId} onOpen={openImport} />
        </Stack>
      ) : null}

      {step >= 1 && activeJob === undefined ? <TableSkeleton rows={4} /> : null}

      {step === 1 && dryRunJob ? (
        <Stack>
          <Paper>
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4" ref={focusOnArrival} tabIndex={-1}>
                {t('imports.previewTitle')}
              </Title>
              <StatusBadge status={dryRunJob.status} />
            </Group>
            <DryRunAnnouncement job={dryRunJob} />
            {dryRunJob.status === 'queued' || dryRunJob.status === 'validating' ? (
              <JobProgress job={dryRunJob} label={t('imports.validating')} announce={false} />
            ) : null}
            {dryRunJob.status === 'failed' ? (
              <Alert color="red" role="alert" title={t('imports.fileRejected')}>
                {jobFailure(dryRunJob) || t('common.unexpectedError')}
              </Alert>
            ) : null}
            {validated ? (
              <Stack>
                <Text size="sm">{t('imports.previewHint')}</Text>
                <ImportCounts counts={dryRunJob.counts} />
                {(dryRunJob.fileWarnings ?? []).map((warning, index) => (
                  <Alert key={index} color="yellow">
                    {messageText(warning)}
                  </Alert>
                ))}
              </Stack>
            ) : null}
          </Paper>
          {validated ? (
            <Paper>
              <ImportRowsSection
                key={`${dryRunJobId ?? ''}:dry-run`}
                customerId={customerId}
                jobId={dryRunJobId ?? ''}
                phase="dry-run"
                counts={dryRunJob.counts}
                ready={validated}
              />
            </Paper>
          ) : null}
          {apply.isError ? <ErrorAlert error={apply.error} /> : null}
          <Group justify="space-between">
            <Button variant="default" onClick={() => void startOver()}>
              {t('imports.startOver')}
            </Button>
            <Button
              onClick={startApply}
              disabled={!validated || apply.isPending}
              loading={apply.isPending}
              data-testid="apply-import"
            >
              {t('imports.apply')}
            </Button>
          </Group>
        </Stack>
      ) : null}

      {step === 2 && appliedJob ? (
        <Paper>
          {applyingNotCancelled ? (
            <Alert color="yellow" mb="md" data-testid="applying-not-cancelled">
              {t('imports.applyingNotCancelled')}
            </Alert>
          ) : null}
          <JobProgress job={appliedJob} label={t('imports.applying')} />
          <Group justify="flex-end" mt="md">
            <CancelApplyButton customerId={customerId} jobId={applyJobId ?? appliedJob.id} />
          </Group>
        </Paper>
      ) : null}

      {step === 3 && appliedJob ? (
        <Stack>
          <Paper>
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4" ref={focusOnArrival} tabIndex={-1}>
                {t('imports.resultsTitle')}
              </Title>
              <StatusBadge status={appliedJob.status} />
            </Group>
            <JobProgress job={appliedJob} label={t('imports.applied')} />
            <Stack mt="md">
              <ImportCounts counts={appliedJob.counts} />
              {appliedJob.status === 'cancelled' ? (
                <Alert color="gray" data-testid="import-cancelled">
                  {t('imports.cancelledApplied', { count: progressOf(appliedJob).done })}
                </Alert>
              ) : null}
              {appliedJob.status === 'failed' ? (
                <Alert color="red">{jobFailure(appliedJob) || t('common.unexpectedError')}</Alert>
              ) : null}
              {(appliedJob.counts?.error ?? 0) > 0 ? (
                <Group>
                  <Text size="sm">{t('imports.errorReportHint')}</Text>
                  <Button
                    component="a"
                    href={errorReportUrl(customerId, appliedJob.id ?? applyJobId ?? '')}
                    download
                    variant="light"
                    color="red"
                    data-testid="error-report"
                  >
                    {t('imports.downloadErrorReport')}
                  </Button>
                </Group>
              ) : null}
            </Stack>
          </Paper>
          <Paper>
            <ImportRowsSection
              key={`${applyJobId ?? ''}:apply`}
              customerId={customerId}
              jobId={applyJobId ?? ''}
              phase="apply"
              counts={appliedJob.counts}
              ready={finished}
            />
          </Paper>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => void startOver()}>
              {t('imports.another')}
            </Button>
            <Button onClick={() => void navigate(usersPath)}>{t('common.close')}</Button>
          </Group>
        </Stack>
      ) : null}
    </>
  );
}
