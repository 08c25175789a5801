// What a command says when Ctrl+C (SIGINT) or SIGTERM stops it while it waits for background work
// (an import, a customer's provisioning or deletion), run here or in the server it was forwarded
// to: what is still running, whether it goes on without this CLI, and the command to check on it.
// A line on stderr; with --json also an object on stdout, so that a script stopped in the middle
// still reads what to follow (exit code 130 / 143 says that it was stopped).
import type { AwaitedCustomerWork, AwaitedWork } from './io.ts';
import type { InterruptSignal } from './interrupt-signals.ts';

/** Where the work was when the CLI stopped waiting for it. */
export type WorkPlace =
  /** In the running server this command was forwarded to: it goes on there. */
  | { readonly in: 'server'; readonly pid: number; readonly url: string }
  /**
   * Run by this CLI's own worker, which stopped: the job went back to the queue. `status`: the
   * work's state as read after the stop (a customer's status), when known.
   */
  | { readonly in: 'this-cli'; readonly status?: string; readonly finished?: boolean };

/** The object a command stopped while waiting prints on stdout with --json. */
export interface StoppedWaitingJson {
  readonly stoppedWaiting: true;
  readonly signal: InterruptSignal;
  /** What it waited for; null for a forwarded command that named none. */
  readonly work: AwaitedWork | null;
  /** The customer's status after the stop, when this CLI read it. */
  readonly status?: string;
  /** True when the work goes on without this CLI (in the server); false when it waits in the queue. */
  readonly continuesInBackground: boolean;
  /** The command that shows (or, with no server, resumes and waits for) the work. */
  readonly check: string | null;
}

function partnerOption(work: AwaitedCustomerWork): string {
  return work.partner === undefined ? '' : ` --partner ${quoted(work.partner)}`;
}

/** An argument as a shell reads it back: quoted when it holds anything but plain characters. */
function quoted(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * The command that checks on `work`; `wait`: one that waits for it (with no server running, it runs
 * the work's job, and so resumes it). An import's always waits, as the import's own messages say.
 */
export function checkCommand(work: AwaitedWork, wait: boolean): string {
  if (work.kind === 'import')
    return `hub users import-status ${work.id} --customer ${work.customerId} --wait`;
  return `hub customers get ${quoted(work.externalId)}${partnerOption(work)}${wait ? ' --wait' : ''}`;
}

/** With no server, the check also resumes the work: it waits for it, unless it is done. */
function checkFor(work: AwaitedWork, place: WorkPlace): string {
  return checkCommand(work, place.in === 'this-cli' && !place.finished);
}

const WHAT_GOES_ON: Readonly<Record<AwaitedCustomerWork['kind'], string>> = {
  'customer-provisioning': 'provisioning',
  'customer-deletion': 'being deleted',
};

function customerText(work: AwaitedCustomerWork, place: WorkPlace): string {
  const customer = `Customer ${work.externalId}`;
  const check = checkFor(work, place);
  if (place.in === 'server')
    return (
      `Stopped waiting. ${customer} is still ${WHAT_GOES_ON[work.kind]} in the server (pid ${place.pid}), ` +
      `which finishes it. Check on it with: ${check}\n`
    );
  if (place.finished)
    return (
      `Stopped waiting. ${customer} finished meanwhile` +
      `${place.status === undefined ? '' : ` (status ${place.status})`}. See it with: ${check}\n`
    );
  return (
    `Stopped waiting. ${customer} is still ${WHAT_GOES_ON[work.kind]}: its job went back to the queue ` +
    `and goes on when a worker runs (hub serve, hub worker). Resume and follow it with: ${check}\n`
  );
}

function importText(work: Extract<AwaitedWork, { kind: 'import' }>, place: WorkPlace): string {
  const check = checkFor(work, place);
  if (place.in === 'server')
    return (
      `Stopped waiting. The import ${work.id} keeps running in the server (pid ${place.pid}) and will finish there.\n` +
      `Follow it with: ${check}\n` +
      `or over the API (hub tokens create): GET ${place.url}/v1/customers/${work.customerId}/imports/${work.id}\n`
    );
  return (
    `Stopped waiting. The import ${work.id} is not done: it went back to the queue and continues where it stopped ` +
    'when a CLI waits for it or a worker runs (hub serve, hub worker).\n' +
    `Resume and follow it with: ${check}\n`
  );
}

/** The stderr text of a command stopped while it waited for `work`. */
export function stoppedWaitingText(work: AwaitedWork, place: WorkPlace): string {
  return work.kind === 'import' ? importText(work, place) : customerText(work, place);
}

/** The --json object of a command stopped while it waited for `work` (null: a forwarded one that named none). */
export function stoppedWaitingJson(
  signal: InterruptSignal,
  work: AwaitedWork | null,
  place: WorkPlace,
): StoppedWaitingJson {
  return {
    stoppedWaiting: true,
    signal,
    work,
    ...(place.in === 'this-cli' && place.status !== undefined ? { status: place.status } : {}),
    continuesInBackground: place.in === 'server',
    check: work === null ? null : checkFor(work, place),
  };
}
