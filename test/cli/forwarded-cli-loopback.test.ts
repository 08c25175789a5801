// The CLI forwarding route (ADR 0051) runs any CLI command, files read from a given cwd, for a
// caller with the discovery file's secret. Its listener is bound to loopback (ADR 0081); as defence
// in depth the route still answers only callers on this machine: the TCP peer is loopback and no
// reverse proxy forwarded the request (a proxy on this machine connects from loopback for anyone).
// Others get a 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCliListenerApp } from '../../src/cli/cli-listener.ts';
import { EXIT_OK } from '../../src/cli/exit-codes.ts';
import { isLoopbackAddress, type ForwardedCliApp } from '../../src/cli/forwarded-cli-route.ts';

describe('isLoopbackAddress', () => {
  const cases: Array<[string | undefined, boolean]> = [
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['::1', true],
    ['0:0:0:0:0:0:0:1', true],
    ['::ffff:127.0.0.1', true],
    ['::FFFF:127.0.0.1', true],
    ['10.0.0.5', false],
    ['192.168.1.20', false],
    ['0.0.0.0', false],
    ['::', false],
    ['::ffff:10.0.0.5', false],
    ['fe80::1', false],
    ['127.example.org', false],
    ['', false],
    [undefined, false],
  ];
  it.each(cases)('%s is loopback: %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });
});

const SECRET = 'the-discovery-file-secret';

async function appWithRoute() {
  const ran: string[][] = [];
  const app = await buildCliListenerApp({
    cliSecret: SECRET,
    run: async (argv, io) => {
      ran.push([...argv]);
      io.out('ok\n');
      return EXIT_OK;
    },
  });
  await app.ready();
  return { app, ran, close: () => app.close() };
}

function forward(app: ForwardedCliApp, remoteAddress: string, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url: '/internal/cli',
    remoteAddress,
    headers: { 'x-hub-cli-secret': SECRET, ...headers },
    payload: { argv: ['customers', 'list'], cwd: '/tmp' },
  });
}

describe('POST /internal/cli from where', () => {
  let direct: Awaited<ReturnType<typeof appWithRoute>>;

  beforeAll(async () => {
    direct = await appWithRoute();
  });
  afterAll(async () => {
    await direct?.close();
  });

  it.each(['127.0.0.1', '::1', '::ffff:127.0.0.1'])(
    'runs the command for a CLI on this machine (%s)',
    async (peer) => {
      const response = await forward(direct.app, peer);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('{"exitCode":0}');
      expect(direct.ran.at(-1)).toEqual(['customers', 'list']);
    },
  );

  it.each(['10.0.0.5', '192.168.1.20', '::ffff:10.0.0.5', '2001:db8::1'])(
    'is not there for another host (%s), even with the right secret',
    async (peer) => {
      const before = direct.ran.length;
      const response = await forward(direct.app, peer);
      expect(response.statusCode).toBe(404);
      expect(direct.ran.length).toBe(before);
    },
  );

  it.each([
    ['x-forwarded-for', '203.0.113.9'],
    ['forwarded', 'for=203.0.113.9'],
    ['x-real-ip', '203.0.113.9'],
  ])('is not there for a request a proxy on this machine forwarded (%s)', async (header, value) => {
    const before = direct.ran.length;
    const response = await forward(direct.app, '127.0.0.1', { [header]: value });
    expect(response.statusCode).toBe(404);
    expect(direct.ran.length).toBe(before);
  });

  it('trusts the TCP peer, not an X-Forwarded-For that names loopback', async () => {
    const before = direct.ran.length;
    const response = await forward(direct.app, '10.0.0.5', { 'x-forwarded-for': '127.0.0.1' });
    expect(response.statusCode).toBe(404);
    expect(direct.ran.length).toBe(before);
  });

  it('still refuses a local caller without the secret', async () => {
    const response = await forward(direct.app, '127.0.0.1', { 'x-hub-cli-secret': 'guess' });
    expect(response.statusCode).toBe(403);
  });
});
