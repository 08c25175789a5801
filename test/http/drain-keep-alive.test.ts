// A stopping server answers what comes in on its keep-alive connections, and tells each client to
// close the connection: closing the port at once reset requests just sent on them (ECONNRESET, 4
// of 10 in flight in a multi-node review, none without keep-alive).
import { Agent, request } from 'node:http';
import Fastify from 'fastify';
import { expect, it } from 'vitest';
import { stopServing } from '../../src/cli/commands/serve.ts';
import { requestDrainPlugin } from '../../src/http/plugins/request-drain.ts';

function get(port: number, agent: Agent, path: string) {
  return new Promise<{ status: number | undefined; connection: string | undefined }>((resolve, reject) => {
    const sent = request({ host: '127.0.0.1', port, path, agent }, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({
          status: response.statusCode,
          connection: response.headers.connection,
        }),
      );
    });
    sent.on('error', reject);
    sent.end();
  });
}

it('once draining, answers in-flight and new requests on open connections with Connection: close', async () => {
  const app = Fastify();
  await app.register(requestDrainPlugin);
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  let arrived = 0;
  let allArrived: () => void = () => undefined;
  const inFlight = new Promise<void>((resolve) => (allArrived = resolve));
  app.get('/held', async () => {
    arrived += 1;
    if (arrived === 3) allArrived();
    await held;
    return { ok: true };
  });
  app.get('/quick', async () => ({ ok: true }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const agent = new Agent({ keepAlive: true, maxSockets: 3 });
  try {
    // Three open keep-alive connections, as a busy client holds them.
    const warm = await Promise.all([1, 2, 3].map(() => get(port, agent, '/quick')));
    expect(warm.map((answer) => answer.connection)).toEqual(['keep-alive', 'keep-alive', 'keep-alive']);
    const held3 = [1, 2, 3].map(() => get(port, agent, '/held'));
    await inFlight;

    app.beginDraining();
    release();
    const answered = await Promise.all(held3);
    expect(answered.map(({ status, connection }) => ({ status, connection }))).toEqual(
      [1, 2, 3].map(() => ({ status: 200, connection: 'close' })),
    );
    // A request arriving while the server drains is answered too, and its connection closed.
    const late = await get(port, agent, '/quick');
    expect({ status: late.status, connection: late.connection }).toEqual({
      status: 200,
      connection: 'close',
    });
  } finally {
    agent.destroy();
    await app.close();
  }
});

it('the shutdown drains (Connection: close on every answer) before it closes the port', async () => {
  const steps: string[] = [];
  await stopServing({
    app: {
      beginDraining: () => void steps.push('drain'),
      close: async () => void steps.push('close'),
      drainRequests: async () => true,
    },
    cliListener: null,
    worker: null,
    logger: { warn: () => undefined },
    dataDir: '/nonexistent',
  });
  expect(steps).toEqual(['drain', 'close']);
});
