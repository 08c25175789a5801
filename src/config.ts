// The environment, parsed once at start-up with a readable error. Nothing else reads process.env.
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

// Numbers are digits only: "1.5", "1e3", "-1" or "10/min" are mistakes worth a clear refusal.
const wholeNumber = z
  .string()
  .trim()
  .regex(/^\d+$/)
  .transform((value) => Number(value));
const positiveInt = wholeNumber.pipe(z.number().int().positive().max(Number.MAX_SAFE_INTEGER));

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function urlWithProtocol(value: string, protocols: readonly string[]): URL | null {
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) ? url : null;
  } catch {
    return null;
  }
}

/** A PostgreSQL URL with a server to reach: a host name, or a socket dir in `?host=`. */
function isPostgresUrl(value: string): boolean {
  const url = urlWithProtocol(value, ['postgres:', 'postgresql:']);
  return url !== null && (url.hostname !== '' || url.searchParams.has('host'));
}

/** nodemailer takes smtp:// and smtps:// URLs; anything else crashed the first email job. */
function isSmtpUrl(value: string): boolean {
  const url = urlWithProtocol(value, ['smtp:', 'smtps:']);
  return url !== null && url.hostname !== '';
}

const environmentSchema = z.object({
  PORT: wholeNumber.pipe(z.number().max(65_535)).default(3000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  DATABASE_URL: z.string().trim().refine(isPostgresUrl).optional(),
  HUB_DATA_DIR: z.string().min(1).default('./data'),
  HUB_PUBLIC_URL: z
    .string()
    .trim()
    .refine((value) => urlWithProtocol(value, ['http:', 'https:']) !== null)
    .optional(),
  HUB_SECRET: z.string().min(32).optional(),
  HUB_WORKER: z.enum(['inline', 'off']).default('inline'),
  LOG_LEVEL: z.string().trim().toLowerCase().pipe(z.enum(LOG_LEVELS)).default('info'),
  SMTP_URL: z.string().trim().refine(isSmtpUrl).optional(),
  SMTP_FROM: z
    .string()
    .trim()
    .regex(/^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/)
    .default('Wholesale Hub <no-reply@wholesale-hub.local>'),
  RATE_LIMIT_LOGIN_PER_MINUTE: positiveInt.default(10),
  RATE_LIMIT_API_PER_MINUTE: positiveInt.default(600),
  RATE_LIMIT_API_PER_IP_PER_MINUTE: positiveInt.optional(),
  RATE_LIMIT_SIGN_IN_PER_ACCOUNT: positiveInt.default(10),
  RATE_LIMIT_SIGN_IN_WINDOW_MINUTES: positiveInt.default(15),
  RATE_LIMIT_EMAIL_COOLDOWN_MINUTES: wholeNumber.pipe(z.number().int().min(1).max(1_440)).default(5),
  RATE_LIMIT_EMAIL_PER_RECIPIENT_PER_DAY: wholeNumber.pipe(z.number().int().min(1).max(1_000)).default(5),
  IMPORT_MAX_BYTES: positiveInt.default(100 * 1024 * 1024),
  RESTORE_MAX_UNPACKED_MB: wholeNumber.pipe(z.number().int().min(1).max(4_096)).default(1_024),
  SESSION_TTL_HOURS: positiveInt.default(12),
  SESSION_MAX_HOURS: positiveInt.default(7 * 24),
  DB_POOL_SIZE: positiveInt.default(10),
  DB_CONNECT_TIMEOUT_SECONDS: wholeNumber.pipe(z.number().min(1).max(600)).default(10),
  JOB_LOCK_SECONDS: wholeNumber.pipe(z.number().min(5).max(86_400)).default(60),
  WORKER_CUSTOMER_LOOPS: wholeNumber.pipe(z.number().int().min(1).max(32)).default(2),
  HUB_CLI_TIMEOUT_SECONDS: wholeNumber.pipe(z.number().min(1).max(3_600)).default(30),
  PGLITE_OPTIMIZED_WASM: z.enum(['true', 'false']).default('false'),
  TRUST_PROXY: z.string().default('false').refine(isTrustProxySetting),
});

type Variable = keyof typeof environmentSchema.shape;

/**
 * What each variable takes, said once for the start-up error: the operator reads which variable
 * is wrong, why, and a value that works. zod's own words ("expected number, received NaN") say
 * none of that.
 */
const EXPECTED: Record<Variable, { readonly takes: string; readonly example: string }> = {
  PORT: { takes: 'a TCP port, a whole number from 0 to 65535', example: '3000' },
  HOST: { takes: 'the address to listen on', example: '0.0.0.0' },
  DATABASE_URL: {
    takes: 'a postgres:// or postgresql:// URL with a host',
    example: 'postgres://hub:secret@db.internal:5432/hub',
  },
  HUB_DATA_DIR: { takes: 'a directory for the embedded database', example: '/var/lib/hub' },
  HUB_PUBLIC_URL: {
    takes: 'the http:// or https:// address users reach the hub at',
    example: 'https://hub.example.com',
  },
  HUB_SECRET: { takes: 'a random secret of at least 32 characters', example: '$(openssl rand -hex 32)' },
  HUB_WORKER: { takes: 'inline (run jobs in the server) or off (run `hub worker` apart)', example: 'off' },
  LOG_LEVEL: { takes: `one of ${LOG_LEVELS.join(', ')}`, example: 'info' },
  SMTP_URL: {
    takes: 'an smtp:// or smtps:// URL with a host',
    example: 'smtps://user:password@mail.example.com:465',
  },
  SMTP_FROM: {
    takes: 'a sender address, with or without a name',
    example: '"Wholesale Hub <no-reply@example.com>"',
  },
  RATE_LIMIT_LOGIN_PER_MINUTE: { takes: 'a whole number above 0 (sign-in attempts a minute)', example: '10' },
  RATE_LIMIT_API_PER_MINUTE: { takes: 'a whole number above 0 (API requests a minute)', example: '600' },
  RATE_LIMIT_API_PER_IP_PER_MINUTE: {
    takes: 'a whole number above 0 (API requests a minute per client IP)',
    example: '600',
  },
  RATE_LIMIT_SIGN_IN_PER_ACCOUNT: {
    takes: 'a whole number above 0 (failed sign-ins per email address in a window)',
    example: '10',
  },
  RATE_LIMIT_SIGN_IN_WINDOW_MINUTES: { takes: 'a whole number of minutes above 0', example: '15' },
  RATE_LIMIT_EMAIL_COOLDOWN_MINUTES: {
    takes: 'a whole number of minutes from 1 to 1440 (between two sign-up or reset emails to one address)',
    example: '5',
  },
  RATE_LIMIT_EMAIL_PER_RECIPIENT_PER_DAY: {
    takes: 'a whole number from 1 to 1000 (sign-up and reset emails to one address in 24 hours)',
    example: '5',
  },
  IMPORT_MAX_BYTES: { takes: 'a whole number of bytes above 0', example: '104857600' },
  RESTORE_MAX_UNPACKED_MB: {
    takes: 'a whole number of MB from 1 to 4096 (the most a backup may unpack to in hub restore)',
    example: '1024',
  },
  SESSION_TTL_HOURS: { takes: 'a whole number of hours above 0', example: '12' },
  SESSION_MAX_HOURS: { takes: 'a whole number of hours above 0', example: '168' },
  DB_POOL_SIZE: { takes: 'a whole number of connections above 0', example: '10' },
  DB_CONNECT_TIMEOUT_SECONDS: {
    takes: 'a whole number of seconds from 1 to 600 (a new PostgreSQL connection must be ready within it)',
    example: '10',
  },
  JOB_LOCK_SECONDS: { takes: 'a whole number of seconds from 5 to 86400', example: '60' },
  WORKER_CUSTOMER_LOOPS: {
    takes: "a whole number from 1 to 32 (customers' jobs a worker runs side by side)",
    example: '2',
  },
  HUB_CLI_TIMEOUT_SECONDS: {
    takes: 'a whole number of seconds from 1 to 3600 (how long the CLI waits for a running server to answer)',
    example: '30',
  },
  PGLITE_OPTIMIZED_WASM: { takes: 'true or false', example: 'false' },
  TRUST_PROXY: {
    takes: 'false, true, a number of proxy hops, or proxy addresses (comma-separated IPs or CIDRs)',
    example: '10.0.0.0/8,127.0.0.1',
  },
};

/** A URL to print: its password (user:password@) replaced by ***. */
export function withoutPassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}

/** Never echoed: a secret, or a URL whose password is replaced. */
function shownValue(variable: Variable, value: string): string {
  if (variable === 'HUB_SECRET') return `(${value.length} characters)`;
  if (variable === 'DATABASE_URL' || variable === 'SMTP_URL') return JSON.stringify(withoutPassword(value));
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

function describeProblem(variable: Variable, value: string): string {
  const { takes, example } = EXPECTED[variable];
  return `  ${variable}=${shownValue(variable, value)} is not valid: it takes ${takes}, e.g. ${variable}=${example}`;
}

/**
 * Whose X-Forwarded-For to believe for the client IP (rate limits, logs, audit). The default
 * believes nobody: a client could otherwise name any IP and slip past the per-IP limits.
 */
export type TrustProxy = boolean | number | string;

function isTrustProxySetting(value: string): boolean {
  if (value === 'true' || value === 'false' || /^\d+$/.test(value)) return true;
  return value.split(',').every((entry) => {
    const [address = '', prefix, ...rest] = entry.trim().split('/');
    if (rest.length > 0 || isIP(address) === 0) return false;
    return (
      prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (isIP(address) === 4 ? 32 : 128))
    );
  });
}

function toTrustProxy(value: string): TrustProxy {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((entry) => entry.trim())
    .join(',');
}

export type DatabaseConfig =
  | { kind: 'postgres'; url: string; poolSize: number; connectTimeoutMs: number }
  | { kind: 'pglite'; dataDir: string; optimizedWasm: boolean };

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseConfig;
  /** Where the embedded database and the server's discovery file live. */
  readonly dataDir: string;
  readonly publicUrl: string | undefined;
  readonly secret: string | undefined;
  readonly inlineWorker: boolean;
  readonly logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  readonly smtp: { url: string; from: string } | undefined;
  /**
   * Sign-in per IP; the API per token (or session) and, all credentials together, per client IP
   * (by default the same number as per token, SPEC §10).
   */
  readonly rateLimits: {
    loginPerMinute: number;
    apiPerMinute: number;
    apiPerIpPerMinute: number;
    /** Failed sign-ins per email address (account or not) in one window, all IPs together. */
    signInFailuresPerAccount: number;
    signInAccountWindowMinutes: number;
    /**
     * Unsolicited emails (sign-up verification, password reset) to one address: at most one per
     * cooldown and this many in 24 hours, all nodes together (ADR 0002, 2026-11-27).
     */
    emailCooldownMinutes: number;
    emailsPerRecipientPerDay: number;
  };
  readonly importMaxBytes: number;
  /**
   * `hub restore` refuses a backup that unpacks to more (RESTORE_MAX_UNPACKED_MB): PGlite holds the
   * whole unpacked archive in memory while it loads it.
   */
  readonly restoreMaxUnpackedBytes: number;
  readonly trustProxy: TrustProxy;
  /** A session ends after this many hours without use (each use extends it), */
  readonly sessionTtlHours: number;
  /** and at the latest this many hours after sign-in. */
  readonly sessionMaxHours: number;
  /**
   * How long a worker's claim on a job lasts without a heartbeat: a job whose worker died is taken
   * over by another this long after its last heartbeat.
   */
  readonly jobLockSeconds: number;
  /**
   * Claim loops of each worker's `customers` lane: different customers' jobs run side by side, one
   * customer's still one after another (ADR 0093).
   */
  readonly workerCustomerLoops: number;
  /**
   * How long a CLI command sent to a running server waits for a sign of life: the answer, then
   * each next output line or keep-alive (a long command keeps sending them), not the whole command.
   */
  readonly cliTimeoutMs: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * The environment names something this process cannot use (a database it cannot reach or sign in
 * to). Exit 1, not ConfigError's 2: the setting may be right and the database down for a while.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/**
 * What the environment refuses at start-up, said in one form: the message alone, as "Invalid
 * configuration in the environment: …" is, not with the "Error: " of a command that failed.
 */
export function isStartupConfigurationError(error: unknown): boolean {
  return error instanceof ConfigError || error instanceof StartupError;
}

/**
 * `hub serve` and `hub worker` send the outbox when SMTP_URL is set, and the links in those emails
 * (invites, password resets) must point at the address their readers reach, which only
 * HUB_PUBLIC_URL says. The fallback, this process's own http://localhost:PORT, is never right for
 * an email to someone else, and in a `hub worker` it is the worker's default port, not the
 * server's (an invite link at http://localhost:3000 for a server on 3913). So it is refused.
 */
export function requirePublicUrlForEmail(config: Config): void {
  if (!config.smtp || config.publicUrl !== undefined) return;
  const { takes, example } = EXPECTED.HUB_PUBLIC_URL;
  throw new ConfigError(
    'Invalid configuration in the environment:\n' +
      `  HUB_PUBLIC_URL is not set, and SMTP_URL is: the links in emails point at it. It takes ${takes}, e.g. HUB_PUBLIC_URL=${example}`,
  );
}

/**
 * `hub serve` with HUB_WORKER=off leaves its jobs to `hub worker` processes, which share them
 * through PostgreSQL. On the embedded database none can run: the server holds the data dir, and a
 * `hub worker` is refused while it does (ADR 0052). Such a server never provisioned a customer,
 * ran an import or sent an email, and said nothing; so it is refused.
 */
export function requireWorkerForEmbeddedDatabase(config: Config): void {
  if (config.inlineWorker || config.database.kind !== 'pglite') return;
  throw new ConfigError(
    'Invalid configuration in the environment:\n' +
      '  HUB_WORKER="off" is not valid without DATABASE_URL: on the embedded database no "hub worker" can run beside this server (it holds the data dir), so no job would ever run. Unset it or set HUB_WORKER=inline, or set DATABASE_URL to run separate workers on PostgreSQL',
  );
}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  // An empty value (PORT= in an env file) means unset, as in most tools: PORT= bound a random port.
  const given = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));
  const parsed = environmentSchema.safeParse(given);
  if (!parsed.success) {
    const variables = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0]) as Variable))];
    const lines = variables.map((variable) => describeProblem(variable, given[variable] ?? ''));
    throw new ConfigError(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.HUB_DATA_DIR);
  return {
    port: env.PORT,
    host: env.HOST,
    database: env.DATABASE_URL
      ? {
          kind: 'postgres',
          url: env.DATABASE_URL,
          poolSize: env.DB_POOL_SIZE,
          connectTimeoutMs: env.DB_CONNECT_TIMEOUT_SECONDS * 1000,
        }
      : {
          kind: 'pglite',
          dataDir: path.join(dataDir, 'pglite'),
          optimizedWasm: env.PGLITE_OPTIMIZED_WASM === 'true',
        },
    dataDir,
    publicUrl: env.HUB_PUBLIC_URL,
    secret: env.HUB_SECRET,
    inlineWorker: env.HUB_WORKER === 'inline',
    logLevel: env.LOG_LEVEL,
    smtp: env.SMTP_URL ? { url: env.SMTP_URL, from: env.SMTP_FROM } : undefined,
    rateLimits: {
      loginPerMinute: env.RATE_LIMIT_LOGIN_PER_MINUTE,
      apiPerMinute: env.RATE_LIMIT_API_PER_MINUTE,
      apiPerIpPerMinute: env.RATE_LIMIT_API_PER_IP_PER_MINUTE ?? env.RATE_LIMIT_API_PER_MINUTE,
      signInFailuresPerAccount: env.RATE_LIMIT_SIGN_IN_PER_ACCOUNT,
      signInAccountWindowMinutes: env.RATE_LIMIT_SIGN_IN_WINDOW_MINUTES,
      emailCooldownMinutes: env.RATE_LIMIT_EMAIL_COOLDOWN_MINUTES,
      emailsPerRecipientPerDay: env.RATE_LIMIT_EMAIL_PER_RECIPIENT_PER_DAY,
    },
    importMaxBytes: env.IMPORT_MAX_BYTES,
    restoreMaxUnpackedBytes: env.RESTORE_MAX_UNPACKED_MB * 1024 * 1024,
    trustProxy: toTrustProxy(env.TRUST_PROXY),
    sessionTtlHours: env.SESSION_TTL_HOURS,
    sessionMaxHours: env.SESSION_MAX_HOURS,
    jobLockSeconds: env.JOB_LOCK_SECONDS,
    workerCustomerLoops: env.WORKER_CUSTOMER_LOOPS,
    cliTimeoutMs: env.HUB_CLI_TIMEOUT_SECONDS * 1000,
  };
}
