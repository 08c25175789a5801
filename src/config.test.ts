import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig: the embedded database', () => {
  it('compiles PGlite with the baseline WASM compiler unless PGLITE_OPTIMIZED_WASM=true', () => {
    expect(loadConfig({ HUB_DATA_DIR: '/srv/hub' }).database).toEqual({
      kind: 'pglite',
      dataDir: '/srv/hub/pglite',
      optimizedWasm: false,
    });
    expect(loadConfig({ HUB_DATA_DIR: '/srv/hub', PGLITE_OPTIMIZED_WASM: 'true' }).database).toMatchObject({
      optimizedWasm: true,
    });
  });

  it('names the variable when its value is not true or false', () => {
    expect(() => loadConfig({ PGLITE_OPTIMIZED_WASM: 'yes' })).toThrow(ConfigError);
    expect(() => loadConfig({ PGLITE_OPTIMIZED_WASM: 'yes' })).toThrow(/PGLITE_OPTIMIZED_WASM/);
  });
});

describe('loadConfig: TRUST_PROXY', () => {
  it.each([
    [undefined, false],
    ['false', false],
    ['true', true],
    ['2', 2],
    ['10.0.0.1', '10.0.0.1'],
    ['10.0.0.0/8, 192.168.1.10,::1', '10.0.0.0/8,192.168.1.10,::1'],
    ['fd00::/64', 'fd00::/64'],
  ])('%s → %s', (value, expected) => {
    expect(loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each(['yes', '10.0.0.300', '10.0.0.0/33', 'proxy.example', '10.0.0.1/8/2', ''])(
    'refuses %j unless empty (empty means unset)',
    (value) => {
      if (value === '') expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toBe(false);
      else expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
    },
  );
});

describe('loadConfig: the per-recipient email limit', () => {
  it('defaults to one sign-up or reset email per address in 5 minutes and 5 a day', () => {
    expect(loadConfig({}).rateLimits).toMatchObject({ emailCooldownMinutes: 5, emailsPerRecipientPerDay: 5 });
    expect(
      loadConfig({ RATE_LIMIT_EMAIL_COOLDOWN_MINUTES: '15', RATE_LIMIT_EMAIL_PER_RECIPIENT_PER_DAY: '3' })
        .rateLimits,
    ).toMatchObject({ emailCooldownMinutes: 15, emailsPerRecipientPerDay: 3 });
  });
});

describe('loadConfig: empty values', () => {
  it('takes an empty value for unset, so PORT= keeps the default port instead of a random one', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(3000);
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
    expect(loadConfig({ HUB_SECRET: '' }).secret).toBeUndefined();
  });
});

describe('loadConfig: a readable refusal at start-up', () => {
  function problemOf(environment: Record<string, string>): string {
    try {
      loadConfig(environment);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).message;
    }
    throw new Error(`accepted ${JSON.stringify(environment)}`);
  }

  it.each([
    ['PORT', 'abc', /PORT="abc" is not valid: it takes a TCP port.*e\.g\. PORT=3000/],
    ['PORT', '70000', /PORT="70000" is not valid.*0 to 65535/],
    ['PORT', '-1', /PORT="-1" is not valid/],
    ['PORT', '3000.5', /PORT="3000.5" is not valid/],
    [
      'DATABASE_URL',
      'mysql://db/hub',
      /DATABASE_URL="mysql:\/\/db\/hub" is not valid.*e\.g\. DATABASE_URL=postgres:\/\//,
    ],
    [
      'DATABASE_URL',
      'postgres://',
      /DATABASE_URL="postgres:\/\/" is not valid: it takes a postgres:\/\/ or postgresql:\/\/ URL with a host/,
    ],
    ['SMTP_URL', 'notaurl', /SMTP_URL="notaurl" is not valid.*e\.g\. SMTP_URL=smtps:\/\//],
    [
      'SMTP_URL',
      'http://mail.example',
      /SMTP_URL="http:\/\/mail\.example" is not valid: it takes an smtp:\/\/ or smtps:\/\/ URL/,
    ],
    ['SMTP_FROM', 'Wholesale Hub', /SMTP_FROM="Wholesale Hub" is not valid: it takes a sender address/],
    [
      'RATE_LIMIT_LOGIN_PER_MINUTE',
      '0',
      /RATE_LIMIT_LOGIN_PER_MINUTE="0" is not valid.*above 0.*e\.g\. RATE_LIMIT_LOGIN_PER_MINUTE=10/,
    ],
    ['RATE_LIMIT_API_PER_MINUTE', 'ten', /RATE_LIMIT_API_PER_MINUTE="ten" is not valid/],
    ['RATE_LIMIT_API_PER_MINUTE', '1.5', /RATE_LIMIT_API_PER_MINUTE="1.5" is not valid/],
    ['RATE_LIMIT_API_PER_IP_PER_MINUTE', '10/min', /RATE_LIMIT_API_PER_IP_PER_MINUTE="10\/min" is not valid/],
    [
      'RATE_LIMIT_EMAIL_COOLDOWN_MINUTES',
      '0',
      /RATE_LIMIT_EMAIL_COOLDOWN_MINUTES="0" is not valid.*from 1 to 1440.*e\.g\. RATE_LIMIT_EMAIL_COOLDOWN_MINUTES=5/,
    ],
    [
      'RATE_LIMIT_EMAIL_PER_RECIPIENT_PER_DAY',
      '5/day',
      /RATE_LIMIT_EMAIL_PER_RECIPIENT_PER_DAY="5\/day" is not valid: it takes a whole number from 1 to 1000/,
    ],
    ['IMPORT_MAX_BYTES', '100MB', /IMPORT_MAX_BYTES="100MB" is not valid.*e\.g\. IMPORT_MAX_BYTES=104857600/],
    ['SESSION_TTL_HOURS', '1e3', /SESSION_TTL_HOURS="1e3" is not valid/],
    ['DB_POOL_SIZE', '0', /DB_POOL_SIZE="0" is not valid/],
    ['JOB_LOCK_SECONDS', '1', /JOB_LOCK_SECONDS="1" is not valid: it takes a whole number of seconds from 5/],
    [
      'WORKER_CUSTOMER_LOOPS',
      '0',
      /WORKER_CUSTOMER_LOOPS="0" is not valid: it takes a whole number from 1 to 32/,
    ],
    [
      'WORKER_CUSTOMER_LOOPS',
      '33',
      /WORKER_CUSTOMER_LOOPS="33" is not valid.*e\.g\. WORKER_CUSTOMER_LOOPS=2/,
    ],
    [
      'LOG_LEVEL',
      'verbose',
      /LOG_LEVEL="verbose" is not valid: it takes one of fatal, error, warn, info, debug, trace, silent/,
    ],
    ['HUB_WORKER', 'yes', /HUB_WORKER="yes" is not valid.*e\.g\. HUB_WORKER=off/],
    [
      'HUB_PUBLIC_URL',
      'example.com',
      /HUB_PUBLIC_URL="example.com" is not valid.*e\.g\. HUB_PUBLIC_URL=https:\/\//,
    ],
    ['HUB_PUBLIC_URL', 'ftp://example.com', /HUB_PUBLIC_URL="ftp:\/\/example.com" is not valid/],
    ['PGLITE_OPTIMIZED_WASM', 'yes', /PGLITE_OPTIMIZED_WASM="yes" is not valid: it takes true or false/],
  ])('%s=%s names the variable, the value, what it takes and an example', (variable, value, expected) => {
    expect(problemOf({ [variable]: value })).toMatch(expected);
  });

  it('never prints a secret: HUB_SECRET by its length, URL passwords masked', () => {
    const message = problemOf({
      HUB_SECRET: 'hunter2',
      DATABASE_URL: 'mysql://hub:s3cr3t-db@db/hub',
      SMTP_URL: 'http://mailer:s3cr3t-mail@mail.example',
    });
    expect(message).toContain(
      'HUB_SECRET=(7 characters) is not valid: it takes a random secret of at least 32',
    );
    expect(message).toContain('DATABASE_URL="mysql://hub:***@db/hub"');
    expect(message).toContain('SMTP_URL="http://mailer:***@mail.example"');
    expect(message).not.toMatch(/hunter2|s3cr3t/);
  });

  it('lists every wrong variable once', () => {
    const message = problemOf({ PORT: 'x', LOG_LEVEL: 'loud' });
    expect(message.split('\n').filter((line) => line.startsWith('  '))).toHaveLength(2);
  });

  it('takes what an operator means', () => {
    const config = loadConfig({
      LOG_LEVEL: 'INFO',
      DATABASE_URL: 'postgres:///hub?host=/var/run/postgresql',
      SMTP_URL: 'smtps://user:pw@mail.example.com:465',
      SMTP_FROM: 'no-reply@example.com',
      JOB_LOCK_SECONDS: '30',
    });
    expect(config).toMatchObject({ logLevel: 'info', jobLockSeconds: 30 });
    expect(loadConfig({}).jobLockSeconds).toBe(60);
    expect(loadConfig({}).workerCustomerLoops).toBe(2);
    expect(loadConfig({ WORKER_CUSTOMER_LOOPS: '4' }).workerCustomerLoops).toBe(4);
  });
});
