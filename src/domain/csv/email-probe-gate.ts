// SPEC §5: emails of users in other organizations are answered with one public text, and such
// probes are audited and rate-limited, so nobody can map which emails exist. An import is a
// probe of every row at once: without a gate, a dry run of 100,000 guessed emails would tell which
// exist. The gate lets an import report as many of them as the uploader's budget has left (the
// same budget as manual adds); from the first one over it, every row whose email is not already a
// user of this customer is "not checked", so the answers stop telling taken emails from free ones.
//
// The budget is shared with the uploader's other requests and imports running at the same time, so
// an import reserves it batch by batch (ADR 0077): before a batch is planned, the probes its rows
// would report are recorded under the uploader's lock, as many as the budget allows (`wanted`,
// then `grant`), and the batch reports only those.

export class EmailProbeGate {
  /** Emails reported as another organization's, not yet taken by takeReported. */
  #reported: string[] = [];
  /** Probes the batch in hand may still report. */
  #remaining: number;
  /** Probes the whole run may still report: the least budget any reservation saw, less grants. */
  #runLeft: number;
  #closed = false;

  /**
   * `remaining`: probes the uploader may still make (Infinity for the local CLI and the system),
   * all usable at once; a gate that reserves per batch starts from `EmailProbeGate.reserving`.
   */
  constructor(
    remaining: number,
    readonly limitPerMinute: number,
  ) {
    this.#remaining = remaining;
    this.#runLeft = remaining;
  }

  /** A gate that reports nothing until a batch's reservation is granted. */
  static reserving(limitPerMinute: number): EmailProbeGate {
    const gate = new EmailProbeGate(0, limitPerMinute);
    gate.#runLeft = Number.POSITIVE_INFINITY;
    return gate;
  }

  /** Whether rows with emails that are not the customer's own users are no longer checked. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * How many of a batch's `candidates` (rows whose email is another organization's) to reserve
   * before planning it: none once the gate closed, else as many as the run has left.
   */
  wanted(candidates: number): number {
    return this.#closed ? 0 : Math.max(0, Math.min(candidates, this.#runLeft));
  }

  /**
   * The batch's reservation: `granted` probes recorded already, out of `budget` (the uploader's
   * budget as the reservation saw it). A run never earns more than the least budget it saw
   * (ADR 0025: a run that lasts minutes does not earn more); what an earlier batch left unused was
   * recorded, so it is not carried over.
   */
  grant(granted: number, budget: number): void {
    this.#runLeft = Math.max(0, Math.min(this.#runLeft, budget) - granted);
    this.#remaining = granted;
  }

  /**
   * A row's email is another organization's: true when the row may say so (and it is counted),
   * false when the budget is spent (and the gate closes for the rest of the import).
   */
  admit(email: string): boolean {
    if (this.#closed) return false;
    if (this.#remaining <= 0) {
      this.#closed = true;
      return false;
    }
    this.#remaining -= 1;
    this.#reported.push(email);
    return true;
  }

  /** The emails reported since the last call. */
  takeReported(): string[] {
    const reported = this.#reported;
    this.#reported = [];
    return reported;
  }
}
