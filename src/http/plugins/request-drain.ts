// Graceful shutdown: the server waits for the requests it is still handling before the process
// closes the database. Fastify's close() resolves once every connection has closed, but a
// handler whose client went away (a timed-out proxy, a killed script) keeps running with its
// socket already gone. Closing the database under it made its next query fail half-way through
// ("driver has already been destroyed"), possibly between two writes that belong together.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Resolves true once no request is in flight, or false when `timeoutMs` passed first. Call it
     * after close(), so that no new request comes in.
     */
    drainRequests(timeoutMs: number): Promise<boolean>;
    /**
     * The shutdown's first step, before close(): every response from now on closes its connection
     * (`Connection: close`), so keep-alive clients open a new one (elsewhere) for their next request
     * instead of sending it on a connection close() would then reset.
     */
    beginDraining(): void;
    /** True from beginDraining() (or close()) on: /readyz answers 503 so a load balancer stops sending. */
    isDraining(): boolean;
  }
}

export const requestDrainPlugin = fp(
  async (app: FastifyInstance) => {
    let inFlight = 0;
    const idleWaiters = new Set<() => void>();
    /** Per request: marks its payload produced (onSend); the request ends once its response closed too. */
    const payloadProduced = new WeakMap<object, () => void>();

    app.addHook('onRequest', async (request, reply) => {
      inFlight += 1;
      let produced = false;
      let closed = false;
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        inFlight -= 1;
        if (inFlight === 0) for (const wake of idleWaiters) wake();
      };
      // A request is done when its handler produced a payload (onSend: also after an error, and
      // also when the client left before) and its response closed: a streamed payload (an
      // export) still reads from the database between the two.
      reply.raw.once('close', () => {
        closed = true;
        if (produced) end();
      });
      payloadProduced.set(request, () => {
        produced = true;
        if (closed) end();
      });
    });

    // A response finished while the server closes also closes its connection: a keep-alive
    // connection left idle would hold close() up until the client or the keep-alive timeout ends it.
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.decorate('beginDraining', () => void (closing = true));
    app.decorate('isDraining', () => closing);

    app.addHook('onSend', async (request, reply) => {
      if (closing && !reply.raw.headersSent) reply.header('connection', 'close');
      payloadProduced.get(request)?.();
    });

    app.decorate('drainRequests', (timeoutMs: number): Promise<boolean> => {
      if (inFlight === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          idleWaiters.delete(wake);
          resolve(true);
        };
        const timer = setTimeout(() => {
          idleWaiters.delete(wake);
          resolve(false);
        }, timeoutMs);
        idleWaiters.add(wake);
      });
    });
  },
  { name: 'request-drain' },
);
