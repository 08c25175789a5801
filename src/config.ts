// The environment, parsed once at start-up with a readable error. Nothing else reads process.env.
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const positiveInt = z.coerce.number().int().positive();

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  HUB_DATA_DIR: z.string().min(1).default('./data'),
  HUB_PUBLIC_URL: z.string().url().optional(),
  HUB_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  HUB_WORKER: z.enum(['inline', 'off']).default('inline'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: z.string().url().optional(),
  SMTP_FROM: z.string().default('Wholesale Hub <no-reply@wholesale-hub.local>'),
  RATE_LIMIT_LOGIN_PER_MINUTE: positiveInt.default(10),
  RATE_LIMIT_API_PER_MINUTE: positiveInt.default(600),
  RATE_LIMIT_API_PER_IP_PER_MINUTE: positiveInt.optional(),
  IMPORT_MAX_BYTES: positiveInt.default(100 * 1024 * 1024),
  SESSION_TTL_HOURS: positiveInt.default(12),
  SESSION_MAX_HOURS: positiveInt.default(7 * 24),
  DB_POOL_SIZE: positiveInt.default(10),
  PGLITE_OPTIMIZED_WASM: z.enum(['true', 'false']).default('false'),
  TRUST_PROXY: z
    .string()
    .default('false')
    .refine(
      isTrustProxySetting,
      'must be false, true, a number of proxy hops, or proxy addresses (comma-separated IPs or CIDRs)',
    ),
});

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
  | { kind: 'postgres'; url: string; poolSize: number }
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
  readonly rateLimits: { loginPerMinute: number; apiPerMinute: number; apiPerIpPerMinute: number };
  readonly importMaxBytes: number;
  readonly trustProxy: TrustProxy;
  /** A session ends after this many hours without use (each use extends it), */
  readonly sessionTtlHours: number;
  /** and at the latest this many hours after sign-in. */
  readonly sessionMaxHours: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  // An empty value (PORT= in an env file) means unset, as in most tools: PORT= bound a random port.
  const given = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));
  const parsed = environmentSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.HUB_DATA_DIR);
  return {
    port: env.PORT,
    host: env.HOST,
    database: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL, poolSize: env.DB_POOL_SIZE }
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
    },
    importMaxBytes: env.IMPORT_MAX_BYTES,
    trustProxy: toTrustProxy(env.TRUST_PROXY),
    sessionTtlHours: env.SESSION_TTL_HOURS,
    sessionMaxHours: env.SESSION_MAX_HOURS,
  };
}
