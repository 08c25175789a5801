// Opens what every process needs — configuration, database (migrated), the deployment's default
// partner and secret — and closes it again. Used by the server, the worker and the CLI.
import pino, { type Logger } from 'pino';
import { StartupError, withoutPassword, type Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { ensureDeployment, type Deployment } from './services/bootstrap/ensure-deployment.ts';
import { configureLinkBase, linkBaseOf } from './services/accounts/links.ts';
import { setMailTransport, smtpTransport } from './services/email/mail-transport.ts';
import { configureJobLockSeconds, configureWorkerLanes } from './jobs/worker.ts';
import { configureRecipientEmailLimit } from './services/email/recipient-email-limit.ts';
import { scrubLogLine } from './log-scrubbing.ts';

export interface Runtime {
  readonly config: Config;
  readonly database: Database;
  readonly deployment: Deployment;
  readonly logger: Logger;
  /** This start made the database's schema: it was empty (a new embedded data dir, say). */
  readonly createdDatabase: boolean;
  close(): Promise<void>;
}

export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.headers["x-hub-cli-secret"]',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  'token',
  '*.token',
];

export function createLogger(config: Config, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' },
      // Redaction by path misses secrets inside strings (a link token in a request URL, an email
      // in an error message): every line is scrubbed as it is written.
      hooks: { streamWrite: scrubLogLine },
    },
    destination,
  );
}

export async function openRuntime(config: Config, logger: Logger = createLogger(config)): Promise<Runtime> {
  const database = await openDatabase(
    config.database.kind === 'postgres'
      ? {
          kind: 'postgres',
          url: config.database.url,
          poolSize: config.database.poolSize,
          connectTimeoutMs: config.database.connectTimeoutMs,
          logger,
        }
      : { kind: 'pglite', dataDir: config.database.dataDir, optimizedWasm: config.database.optimizedWasm },
  ).catch((error: unknown) => {
    throw unusableDataDir(config, error) ?? error;
  });
  try {
    const applied = await migrate(database);
    if (applied.length > 0) logger.info({ migrations: applied }, 'applied database migrations');
    const deployment = await ensureDeployment(database.db, config.secret);
    // Links in emails written by background jobs (invites, consent) point at the public URL.
    configureLinkBase(linkBaseOf(config));
    // Outbox rows are sent by SMTP when configured, else kept as `stored`.
    setMailTransport(config.smtp ? smtpTransport(config.smtp) : null);
    configureJobLockSeconds(config.jobLockSeconds);
    configureWorkerLanes({
      customerLoops: config.workerCustomerLoops,
      ...(config.database.kind === 'postgres' ? { poolSize: config.database.poolSize } : {}),
    });
    // The sign-up and reset jobs hold back emails to an address mailed too recently (ADR 0002).
    configureRecipientEmailLimit({
      cooldownMinutes: config.rateLimits.emailCooldownMinutes,
      perDay: config.rateLimits.emailsPerRecipientPerDay,
    });
    if (config.smtp && !config.publicUrl) {
      logger.warn(
        { linkBase: linkBaseOf(config) },
        'SMTP_URL is set without HUB_PUBLIC_URL: links in the emails sent point at this address',
      );
    }
    const createdDatabase = applied[0]?.startsWith('0001_') ?? false;
    return { config, database, deployment, logger, createdDatabase, close: () => database.close() };
  } catch (error) {
    await database.close();
    throw config.database.kind === 'postgres' && isUnreachable(error)
      ? new StartupError(
          `Cannot use the PostgreSQL database of DATABASE_URL=${withoutPassword(config.database.url)}: ${describe(error)}`,
          { cause: error },
        )
      : error;
  }
}

/**
 * The embedded database's folder could not be made (HUB_DATA_DIR under a file, under /proc, on a
 * read-only disk): the operator needs the setting behind the path, as for any other wrong value.
 * Not the data dir held by another process: that error names the holder already (ADR 0052).
 */
function unusableDataDir(config: Config, error: unknown): StartupError | null {
  if (config.database.kind !== 'pglite' || !(error instanceof Error)) return null;
  if (!error.message.startsWith(`Cannot create ${config.database.dataDir}:`)) return null;
  const code = (error.cause as NodeJS.ErrnoException | undefined)?.code;
  const detail = error.message.slice(`Cannot create ${config.database.dataDir}: `.length);
  const reason =
    code === 'ENOTDIR'
      ? `a part of that path is a file, not a folder (${detail}).`
      : code === 'EACCES' || code === 'EPERM'
        ? `this user may not create or write it (${detail}).`
        : code === 'EROFS'
          ? `its file system is read-only (${detail}).`
          : /[.!?]$/.test(detail)
            ? detail
            : `${detail}.`;
  return new StartupError(
    `Cannot use the embedded database's folder ${config.database.dataDir} of HUB_DATA_DIR=${config.dataDir}: ${reason} HUB_DATA_DIR takes a folder this user can create and write, e.g. HUB_DATA_DIR=/var/lib/hub (or set DATABASE_URL for PostgreSQL).`,
    { cause: error },
  );
}

/**
 * The database is not there for us (refused, unknown host, wrong password, no such database): the
 * operator needs to know which setting to look at, not only "connect ECONNREFUSED 127.0.0.1:1".
 */
function isUnreachable(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (
    /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ECONNRESET|EPIPE|28\w{3}|3D000|08\w{3})$/.test(
      code,
    ) ||
    // TLS the URL asks for and the server cannot give (a certificate not trusted, expired, for
    // another host): node's codes, e.g. SELF_SIGNED_CERT_IN_CHAIN, ERR_TLS_CERT_ALTNAME_INVALID.
    /CERT|^ERR_TLS_|^ERR_SSL_/.test(code)
  )
    return true;
  // pg's own errors carry no code: a server without SSL for sslmode=require, or a connection
  // closed before the sign-in (a proxy or firewall in between, too many connections).
  const message = error instanceof Error ? error.message : '';
  return /^(The server does not support SSL connections|Connection terminated unexpectedly)$/.test(message);
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  return error instanceof Error ? error.message || String(error) : String(error);
}
