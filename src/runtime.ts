// Opens what every process needs — configuration, database (migrated), the deployment's default
// partner and secret — and closes it again. Used by the server, the worker and the CLI.
import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { ensureDeployment, type Deployment } from './services/bootstrap/ensure-deployment.ts';
import { configureLinkBase, linkBaseOf } from './services/accounts/links.ts';
import { setMailTransport, smtpTransport } from './services/email/mail-transport.ts';
import { configureJobLockSeconds } from './jobs/worker.ts';
import { scrubLogLine } from './log-scrubbing.ts';

export interface Runtime {
  readonly config: Config;
  readonly database: Database;
  readonly deployment: Deployment;
  readonly logger: Logger;
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
      ? { kind: 'postgres', url: config.database.url, poolSize: config.database.poolSize }
      : { kind: 'pglite', dataDir: config.database.dataDir, optimizedWasm: config.database.optimizedWasm },
  );
  try {
    const applied = await migrate(database);
    if (applied.length > 0) logger.info({ migrations: applied }, 'applied database migrations');
    const deployment = await ensureDeployment(database.db, config.secret);
    // Links in emails written by background jobs (invites, consent) point at the public URL.
    configureLinkBase(linkBaseOf(config));
    // Outbox rows are sent by SMTP when configured, else kept as `stored`.
    setMailTransport(config.smtp ? smtpTransport(config.smtp) : null);
    configureJobLockSeconds(config.jobLockSeconds);
    if (config.smtp && !config.publicUrl) {
      logger.warn(
        { linkBase: linkBaseOf(config) },
        'SMTP_URL is set without HUB_PUBLIC_URL: links in the emails sent point at this address',
      );
    }
    return { config, database, deployment, logger, close: () => database.close() };
  } catch (error) {
    await database.close();
    throw error;
  }
}
