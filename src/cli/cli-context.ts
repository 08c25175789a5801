// What a CLI command gets: output, flags, and (opened on first use) the runtime and a service
// context acting as the operator on the default partner (or on --partner).
import type { Runtime } from '../runtime.ts';
import type { Actor } from '../services/access/actor.ts';
import type { ServiceContext } from '../services/context.ts';
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import path from 'node:path';
import { CliUsageError } from './exit-codes.ts';
import type { CliIo } from './io.ts';

export interface CliContext {
  readonly io: CliIo;
  /** True when a running server executes this command with its own runtime (and worker). */
  readonly insideServer: boolean;
  /**
   * `service`: the command is a long-running process (`hub serve`, `hub worker`) whose stderr
   * carries JSON log lines only (docs/operations.md): a notice is logged there, not printed.
   * The first call opens the runtime and decides.
   */
  runtime(options?: { service?: boolean }): Promise<Runtime>;
  /** The operator acting on the chosen partner. */
  serviceContext(options: { partner?: string | undefined }): Promise<ServiceContext>;
  /** Prints a result: JSON with --json, else the human text. */
  print(json: boolean, value: unknown, human: () => string): void;
}

/** `ownsRuntime`: false when a server lends its own runtime to a forwarded command. */
export function createCliContext(
  io: CliIo,
  openRuntime: () => Promise<Runtime>,
  ownsRuntime = true,
): CliContext & { close(): Promise<void> } {
  let runtime: Promise<Runtime> | undefined;
  return {
    io,
    insideServer: !ownsRuntime,
    runtime(options) {
      runtime ??= openRuntime().then((opened) => {
        // Run from another folder, `./data` is another database: say so before "no customer …".
        if (ownsRuntime && opened.createdDatabase && opened.config.database.kind === 'pglite') {
          const dataDir = path.resolve(opened.config.dataDir);
          if (options?.service)
            opened.logger.info(
              { dataDir },
              'started a new embedded database (HUB_DATA_DIR, default ./data of the current folder)',
            );
          else
            io.err(
              `Started a new embedded database in ${dataDir} (HUB_DATA_DIR, default ./data of the current folder).\n`,
            );
        }
        return opened;
      });
      // A runtime that failed to open is not kept: a service that waited for the data dir's
      // holder (wait-for-one-shot-command.ts) opens it again.
      const opening = runtime;
      opening.catch(() => {
        if (runtime === opening) runtime = undefined;
      });
      return opening;
    },
    async serviceContext(options) {
      const current = await this.runtime();
      // Imported on use, as the runtime is: every command loads this module (ADR 0014).
      const { findPartner } = await import('../services/bootstrap/ensure-deployment.ts');
      const partner = options.partner
        ? await findPartner(current.database.db, options.partner)
        : current.deployment.defaultPartner;
      if (!partner)
        throw new CliUsageError(
          `--partner "${options.partner}": no partner has this id or name. See: hub partners list`,
        );
      const actor: Actor = {
        type: 'cli',
        id: null,
        label: `cli:${safeUserName()}`,
        role: 'operator',
        partnerId: partner.id,
        customerId: null,
      };
      return { db: current.database.db, actor, requestId: `CLI_${randomUUID()}`, locale: 'en' };
    },
    print(json, value, human) {
      io.out(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
    },
    async close() {
      if (!ownsRuntime || !runtime) return;
      // A runtime that failed to open was reported by the command that asked for it.
      const opened = await runtime.catch(() => null);
      await opened?.close();
    },
  };
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
