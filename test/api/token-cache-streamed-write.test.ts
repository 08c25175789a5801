// ADR 0053: a write whose handler keeps working after its response started (a CLI command
// forwarded to the server streams its output while it runs, ADR 0051) must still make the server
// forget cached tokens before the next request. The authentication plugin on an app of its own,
// with a route that revokes a token only after it has begun to answer.
import { PassThrough } from 'node:stream';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sendError } from '../../src/http/errors.ts';
import { authenticationPlugin } from '../../src/http/plugins/authentication.ts';
import { hashToken } from '../../src/services/auth/secrets.ts';
import { useTestDatabase } from '../helpers/database.ts';
import { createApiToken, createPartner } from '../helpers/factories.ts';

describe('a token revoked while a write streams its answer', () => {
  const database = useTestDatabase();
  let app: FastifyInstance;

  beforeAll(async () => {
    app = Fastify();
    app.setErrorHandler((error, request, reply) => sendError(request, reply, error));
    await app.register(cookie, { secret: 'test-secret-test-secret-test-secret' });
    await app.register(authenticationPlugin, {
      db: database().db,
      sessions: { ttlHours: 12, maxHours: 24 },
    });
    app.get('/v1/whoami', async (request) => ({ id: request.actor?.id ?? null }));
    app.post<{ Body: { tokenHash: string } }>('/v1/revoke-while-streaming', async (request, reply) => {
      const body = new PassThrough();
      void reply.send(body);
      body.write('working\n');
      // Meanwhile another request of the same token: the server looks it up and remembers it.
      const meanwhile = await app.inject({
        url: '/v1/whoami',
        headers: { authorization: request.headers.authorization },
      });
      body.write(`meanwhile ${meanwhile.statusCode}\n`);
      await database()
        .db.updateTable('api_tokens')
        .set({ revoked_at: new Date() })
        .where('token_hash', '=', request.body.tokenHash)
        .execute();
      body.end('done\n');
      return reply;
    });
    await app.ready();
  });

  afterAll(async () => {
    vi.useRealTimers();
    await app.close();
  });

  it('is refused on the next request, though it was looked up a moment before', async () => {
    // The clock stands still: only forgetting, not the second passing, can refuse the token.
    vi.useFakeTimers({ toFake: ['Date'] });
    const db = database().db;
    const token = await createApiToken(db, { partnerId: await createPartner(db), role: 'operator' });
    const headers = { authorization: `Bearer ${token}` };
    expect((await app.inject({ url: '/v1/whoami', headers })).statusCode).toBe(200);

    const streamed = await app.inject({
      method: 'POST',
      url: '/v1/revoke-while-streaming',
      headers,
      payload: { tokenHash: hashToken(token) },
    });
    expect(streamed.body).toBe('working\nmeanwhile 200\ndone\n');
    expect((await app.inject({ url: '/v1/whoami', headers })).statusCode).toBe(401);
  });
});
