// The provisioning backend: the downstream system that holds organizations, locations and
// licences (SPEC §2, §5). Everything the hub changes downstream goes through this interface, one
// call a step, so a test can make any single step fail and check what the user or customer shows.
// The built-in backend only records what it was asked to do.

/** The downstream steps, named so a fault can target exactly one of them. */
export const PROVISIONING_STEPS = [
  'create_org',
  'create_location',
  'enable_package',
  'disable_package',
  'delete_org',
  'assign_licence',
  'unassign_licence',
  'update_user_attributes',
  'remove_user',
] as const;
export type ProvisioningStep = (typeof PROVISIONING_STEPS)[number];

export interface ProvisioningOperation {
  readonly step: ProvisioningStep;
  readonly customerId: string;
  /** The location, package or licence the step is about. */
  readonly subject?: string;
  readonly userId?: string;
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;
}

/** A downstream failure. `step` says which call failed, so the caller can pick the right text. */
export class ProvisioningFault extends Error {
  override readonly name = 'ProvisioningFault';
  readonly step: ProvisioningStep;

  constructor(step: ProvisioningStep, message = `The provisioning step ${step} failed.`) {
    super(message);
    this.step = step;
  }
}

export interface ProvisioningBackend {
  /** Performs one step; throws ProvisioningFault when the downstream refuses. Idempotent. */
  perform(operation: ProvisioningOperation): Promise<void>;
}

/**
 * The built-in backend: no downstream system, every step succeeds and is remembered (the most
 * recent `capacity` steps, so a long-running server does not grow without bound).
 */
export class RecordingBackend implements ProvisioningBackend {
  readonly operations: ProvisioningOperation[] = [];
  private readonly capacity: number;

  constructor(capacity = 10_000) {
    this.capacity = capacity;
  }

  async perform(operation: ProvisioningOperation): Promise<void> {
    this.operations.push(operation);
    if (this.operations.length > this.capacity)
      this.operations.splice(0, this.operations.length - this.capacity);
  }

  /** The steps done for one customer (and user), in order: what tests assert on. */
  stepsFor(customerId: string, userId?: string): string[] {
    return this.operations
      .filter((op) => op.customerId === customerId && (userId === undefined || op.userId === userId))
      .map((op) => (op.subject ? `${op.step}:${op.subject}` : op.step));
  }
}

export interface FaultRule {
  readonly step: ProvisioningStep;
  /** Only operations about this subject (package, licence, location) fail. */
  readonly subject?: string;
  readonly userId?: string;
  /** How many matching calls fail before the rule lets calls through (default: all). */
  times?: number;
}

/**
 * Wraps a backend and fails the steps its rules name; everything else passes through. Failed
 * calls are not forwarded, so the inner backend records only what really happened.
 */
export class FaultInjectingBackend implements ProvisioningBackend {
  readonly inner: ProvisioningBackend;
  private readonly rules: FaultRule[];

  constructor(inner: ProvisioningBackend, rules: readonly FaultRule[] = []) {
    this.inner = inner;
    this.rules = rules.map((rule) => ({ ...rule }));
  }

  failNext(rule: FaultRule): this {
    this.rules.push({ ...rule });
    return this;
  }

  clear(): void {
    this.rules.length = 0;
  }

  async perform(operation: ProvisioningOperation): Promise<void> {
    const rule = this.rules.find(
      (candidate) =>
        candidate.step === operation.step &&
        (candidate.subject === undefined || candidate.subject === operation.subject) &&
        (candidate.userId === undefined || candidate.userId === operation.userId) &&
        (candidate.times === undefined || candidate.times > 0),
    );
    if (rule) {
      if (rule.times !== undefined) rule.times -= 1;
      throw new ProvisioningFault(operation.step);
    }
    await this.inner.perform(operation);
  }
}

let current: ProvisioningBackend = new RecordingBackend();

/** The backend of this process. Set once at start-up (or by a test at the process edge). */
export function provisioningBackend(): ProvisioningBackend {
  return current;
}

/** Installs a backend; answers a function that puts the previous one back. */
export function useProvisioningBackend(backend: ProvisioningBackend): () => void {
  const previous = current;
  current = backend;
  return () => {
    current = previous;
  };
}
