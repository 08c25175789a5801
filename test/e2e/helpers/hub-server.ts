// Starts the real server as a child process: `hub serve --demo` on a free port with a fresh data
// dir, waits until /readyz answers, and reads the demo login it prints. It runs the same CLI as
// bin/hub with one test hook (test/e2e/server/install-fault-hook.ts) that lets a step make one
// downstream provisioning call fail, and sends its mail to the SMTP server the test passes.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

export interface HubServer {
  baseUrl: string;
  email: string;
  password: string;
  output: () => string;
  /**
   * Makes the next downstream provisioning call of `step` (about `subject`, e.g. a licence) fail
   * once. Absent when the test reuses a running server (HUB_E2E_URL), which has no hook.
   */
  failNextProvisioningStep?: (fault: { step: string; subject?: string }) => Promise<void>;
  /**
   * Holds every import before its next batch (test/e2e/server/install-import-hold.ts) until the
   * answered `release` is called. Absent when the test reuses a running server (HUB_E2E_URL).
   */
  holdImports?: () => Promise<() => Promise<void>>;
  stop: () => Promise<void>;
}

export interface HubServerOptions {
  /** Where the server sends its mail (`smtp://…`); without it mail stays in the outbox. */
  smtpUrl?: string;
}

const root = fileURLToPath(new URL('../../..', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Finds the demo admin's email and password in what `serve --demo` printed (text or JSON logs). */
export function parseDemoLogin(text: string): { email: string; password: string } | null {
  // "Sign in:   http://…  as  admin@demo-partner.example  /  <password>"
  const signIn = /\bas\s+(\S+@\S+)\s+\/\s+(\S+)/.exec(text);
  if (signIn?.[1] && signIn[2]) return { email: signIn[1], password: signIn[2] };
  const email =
    /"?(?:login|email|user(?:name)?)"?\s*[:=]\s*"?([^\s",]+@[^\s",]+)/i.exec(text)?.[1] ??
    /([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})/.exec(text)?.[1];
  const password = /"?password"?\s*[:=]\s*"?([^\s",]+)/i.exec(text)?.[1];
  return email && password ? { email, password } : null;
}

async function waitUntilReady(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`hub serve exited with ${child.exitCode}:\n${output()}`);
    try {
      // Bounded: a port held by something that accepts and never answers must not hang the start.
      const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok && parseDemoLogin(output())) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`hub serve did not become ready:\n${output()}`);
}

/** What `hub serve` says when another process took its port first (describeListenFailure). */
const PORT_TAKEN = /port \d+ is already in use by another process/;

export async function startHubServer(options: HubServerOptions = {}): Promise<HubServer> {
  // For a quick local loop against a server that is already running (never used in CI).
  const reuse = process.env.HUB_E2E_URL;
  if (reuse && process.env.HUB_E2E_EMAIL && process.env.HUB_E2E_PASSWORD) {
    return {
      baseUrl: reuse,
      email: process.env.HUB_E2E_EMAIL,
      password: process.env.HUB_E2E_PASSWORD,
      output: () => '',
      stop: async () => undefined,
    };
  }
  // Test files run side by side (vitest.e2e.config.ts): another process may take the port that
  // freePort() found before this server listens on it. The cure is a start on another port.
  for (let attempt = 1; ; attempt += 1) {
    const server = await launchHubServer(options);
    if (server.ready) return server.ready;
    if (attempt === 3 || !PORT_TAKEN.test(server.output)) throw server.failure;
  }
}

type Launch = { ready: HubServer } | { ready?: undefined; failure: unknown; output: string };

async function launchHubServer(options: HubServerOptions): Promise<Launch> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hub-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let log = '';
  // Always the embedded database: the browser tests need no PostgreSQL server.
  const { DATABASE_URL: _ignored, ...environment } = process.env;
  const faultsFile = path.join(dataDir, 'provisioning-fault.json');
  const importHoldFile = path.join(dataDir, 'import-hold');
  const hubDataDir = path.join(dataDir, 'data');
  // The migrated template of this run (global-setup.ts), not an initdb and every migration:
  // the server still seeds its demo data itself, on an empty database of its own.
  await cp(inject('e2eMigratedDataDir'), path.join(hubDataDir, 'pglite'), { recursive: true });
  const child = spawn(process.execPath, ['test/e2e/server/hub-e2e.mjs', 'serve', '--demo'], {
    cwd: root,
    env: {
      ...environment,
      HUB_E2E_FAULTS_FILE: faultsFile,
      HUB_E2E_IMPORT_HOLD_FILE: importHoldFile,
      ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
      PORT: String(port),
      HOST: '127.0.0.1',
      HUB_DATA_DIR: hubDataDir,
      HUB_PUBLIC_URL: baseUrl,
      LOG_LEVEL: 'warn',
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  // 'close' comes after the process's output has been read to its end ('exit' may come before).
  const closed = new Promise((resolve) => child.once('close', resolve));
  const output = () => log;
  try {
    await waitUntilReady(baseUrl, child, output);
  } catch (failure) {
    if (child.exitCode === null) child.kill('SIGTERM');
    await closed;
    await rm(dataDir, { recursive: true, force: true });
    return { failure, output: log };
  }
  const login = parseDemoLogin(log);
  if (!login) throw new Error(`no demo login in the server output:\n${log}`);
  const ready: HubServer = {
    baseUrl,
    ...login,
    output,
    failNextProvisioningStep: async (fault) => {
      // Written aside and renamed: the server never reads a half-written file.
      await writeFile(`${faultsFile}.tmp`, JSON.stringify(fault));
      await rename(`${faultsFile}.tmp`, faultsFile);
    },
    holdImports: async () => {
      await writeFile(importHoldFile, '');
      return () => rm(importHoldFile, { force: true });
    },
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return { ready };
}
