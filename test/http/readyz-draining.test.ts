// While the server drains after SIGTERM (1 s of answers with Connection: close before the port
// closes), /readyz answers 503 so a load balancer stops sending it new requests; /healthz stays 200
// (the process is alive: an orchestrator must not kill it for a failed liveness probe).
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

describe('/readyz while the server drains', () => {
  const harness = useTestApp();

  it('answers 503 draining on /readyz and 200 on /healthz once draining began', async () => {
    const { app, database } = harness();
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);

    app.beginDraining();

    const ready = await app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'draining', database: database.kind });
    expect(ready.headers.connection).toBe('close');
    const live = await app.inject({ url: '/healthz' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });
  });
});
