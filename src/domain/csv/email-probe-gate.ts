// SPEC §5: emails of users in other organizations are answered with one public text, and such
// probes are audited and rate-limited, so nobody can map which emails exist. An import is a
// probe of every row at once: without a gate, a dry run of 100,000 guessed emails would tell which
// exist. The gate lets an import report as many of them as the uploader's budget has left (the
// same budget as manual adds); from the first one over it, every row whose email is not already a
// user of this customer is "not checked", so the answers stop telling taken emails from free ones.

export class EmailProbeGate {
  /** Emails reported as another organization's, not yet audited. */
  #reported: string[] = [];
  #remaining: number;
  #closed = false;

  /** `remaining`: probes the uploader may still make; Infinity for the local CLI and the system. */
  constructor(
    remaining: number,
    readonly limitPerMinute: number,
  ) {
    this.#remaining = remaining;
  }

  /** Whether rows with emails that are not the customer's own users are no longer checked. */
  get closed(): boolean {
    return this.#closed;
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

  /** The emails reported since the last call, to audit as probes. */
  takeReported(): string[] {
    const reported = this.#reported;
    this.#reported = [];
    return reported;
  }
}
