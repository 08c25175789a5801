import { useCallback, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, send } from '../../../lib/api-client.ts';
import { useCursorPages } from '../../../lib/use-cursor-pages.ts';
import type { ImportBehaviour, ImportJob, ImportRow } from './import-types.ts';
import { importsPath, isDone } from './import-types.ts';
import type { UploadProgress } from './upload-with-progress.ts';
import { uploadWithProgress } from './upload-with-progress.ts';

export interface UploadInput {
  file: File;
  behaviour: ImportBehaviour;
  dryRun: boolean;
}

/** How often a running job is asked for again, for the live progress bar. */
const pollIntervalMs = 700;

export function importJobKey(customerId: string, jobId: string | null, phase: 'dry-run' | 'apply') {
  return ['customers', customerId, 'imports', jobId, phase];
}

/** The job as the server has it now (GET), for the polls and for a re-read after a refusal. */
export function fetchImportJob(customerId: string, jobId: string, signal?: AbortSignal): Promise<ImportJob> {
  return apiRequest<ImportJob>(`${importsPath(customerId)}/${encodeURIComponent(jobId)}`, { signal });
}

/** A job whose apply was asked for (here, in another tab, by a second click): no longer a dry run. */
export function isBeingApplied(job: ImportJob | undefined): boolean {
  return job?.dryRun === false;
}

/**
 * Uploads the file as multipart; answers the new job's id (202, possibly only a Location header).
 * By XMLHttpRequest, so `progress` says how much of the file has been sent (a 2.4 MB file takes
 * 25 s on a slow line), and `cancel()` stops the upload (the mutation then fails with an
 * AbortError, see isAbortError). The job the 202 answers goes into the cache: the page shows it
 * without asking for it again.
 */
export function useUploadImport(customerId: string) {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const controller = useRef<AbortController | null>(null);
  const mutation = useMutation({
    mutationFn: async ({ file, behaviour, dryRun }: UploadInput) => {
      const form = new FormData();
      form.append('behaviour', behaviour);
      form.append('dryRun', String(dryRun));
      form.append('file', file, file.name);
      const abort = new AbortController();
      controller.current = abort;
      setProgress({ loaded: 0, total: file.size });
      const answer = await uploadWithProgress(importsPath(customerId), {
        query: { behaviour, dryRun },
        body: form,
        signal: abort.signal,
        onProgress: setProgress,
      });
      const job = (answer.data ?? {}) as Partial<ImportJob>;
      const id = job.id ?? answer.header('Location')?.split('/').filter(Boolean).pop();
      if (!id) throw new Error('The server did not say where the import job is.');
      if (job.id === id && job.status)
        queryClient.setQueryData(importJobKey(customerId, id, dryRun ? 'dry-run' : 'apply'), job);
      return id;
    },
    onSettled: () => {
      controller.current = null;
      setProgress(null);
    },
  });
  const cancel = useCallback(() => controller.current?.abort(), []);
  return { ...mutation, progress, cancel };
}

/**
 * Polls the job every 700 ms until it stops moving, for the live progress bar. Applying a dry run
 * continues the same job, so each phase keeps its own cache entry: the finished dry run ("validated")
 * must not stop the polling of the apply.
 */
export function useImportJob(customerId: string, jobId: string | null, phase: 'dry-run' | 'apply') {
  return useQuery({
    queryKey: importJobKey(customerId, jobId, phase),
    enabled: Boolean(jobId),
    queryFn: ({ signal }) => fetchImportJob(customerId, jobId ?? '', signal),
    // A job the upload just answered is as fresh as a poll: the next ask comes after the interval. A job
    // that stopped moving is not asked for again when the page shows it (the URL changes in a transition,
    // which may mount the view later than the interval): a refused apply or Start over reads it again.
    staleTime: (query) => (query.state.data && isDone(query.state.data.status) ? Infinity : pollIntervalMs),
    // The dry-run view stops asking once the job is being applied: the apply view polls it from then on.
    refetchInterval: (query) =>
      query.state.data &&
      (isDone(query.state.data.status) || (phase === 'dry-run' && isBeingApplied(query.state.data)))
        ? false
        : pollIntervalMs,
  });
}

/** Rows per page of the preview and the results table. */
export const importRowsPageSize = 100;

/**
 * One page of the per-row results, paged with the server's cursor (`after`) through `Link: rel="next"`.
 * The caller mounts one table per job and phase, so a new job starts again at its first page.
 */
export function useImportRowPages(
  customerId: string,
  jobId: string,
  phase: 'dry-run' | 'apply',
  status: 'error' | null,
  enabled: boolean,
) {
  return useCursorPages<ImportRow>(
    ['customers', customerId, 'imports', jobId, phase, 'rows'],
    `${importsPath(customerId)}/${encodeURIComponent(jobId)}/rows`,
    { status: status ?? undefined, max: importRowsPageSize },
    { enabled },
  );
}

export function useApplyImport(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (jobId: string) => {
      const { data, response } = await send(`${importsPath(customerId)}/${encodeURIComponent(jobId)}/apply`, {
        method: 'POST',
      });
      const job = (data ?? {}) as Partial<ImportJob>;
      // Applying may continue in the same job or in a new one: follow whichever the server names.
      const id = job.id ?? response.headers.get('Location')?.split('/').filter(Boolean).pop() ?? jobId;
      // The job the answer carries goes into the cache, as after an upload: no extra GET to show it.
      if (job.id === id && job.status) queryClient.setQueryData(importJobKey(customerId, id, 'apply'), job);
      return id;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers', customerId, 'users'] }),
  });
}

export function useCancelImport(customerId: string) {
  return useMutation({
    mutationFn: (jobId: string) =>
      apiRequest<unknown>(`${importsPath(customerId)}/${encodeURIComponent(jobId)}/cancel`, {
        method: 'POST',
      }),
  });
}

/**
 * Cancels an import that is being applied. The server answers the cancelled job (with the counts of
 * the batches it had applied): it replaces the polled one at once, so the page shows the outcome
 * without waiting for the next poll. A refusal (409: the import finished meanwhile) refreshes the
 * job, whose outcome the page then shows instead.
 */
export function useCancelApply(customerId: string, jobId: string) {
  const queryClient = useQueryClient();
  const jobKey = importJobKey(customerId, jobId, 'apply');
  return useMutation({
    mutationFn: () =>
      apiRequest<ImportJob>(`${importsPath(customerId)}/${encodeURIComponent(jobId)}/cancel`, {
        method: 'POST',
      }),
    onSuccess: (job) => {
      if (job && typeof job === 'object' && job.status) queryClient.setQueryData(jobKey, job);
      void queryClient.invalidateQueries({ queryKey: jobKey });
    },
    onError: () => queryClient.invalidateQueries({ queryKey: jobKey }),
  });
}

export function errorReportUrl(customerId: string, jobId: string): string {
  return `${importsPath(customerId)}/${encodeURIComponent(jobId)}/error-report.csv`;
}

export function templateUrl(customerId: string): string {
  return `/v1/customers/${encodeURIComponent(customerId)}/users/template.csv`;
}

export function exportUrl(customerId: string): string {
  return `/v1/customers/${encodeURIComponent(customerId)}/users/export.csv`;
}
