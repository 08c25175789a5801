// A 503 for an unavailable database is a known, passing state: logged at warn, one short line
// without a stack (444 such answers in 5 s wrote 888 KB of level-50 lines with stacks). A 500
// keeps its error line with the stack.
import { Writable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { sendError } from './errors.ts';

function answer(error: unknown) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(text) as Record<string, unknown>);
      done();
    },
  });
  const request = {
    id: 'req-1',
    url: '/v1/customers/c1/users',
    headers: {},
    log: pino({ level: 'info' }, stream),
  } as unknown as FastifyRequest;
  const sent: { status?: number; headers: Record<string, string> } = { headers: {} };
  const reply = {
    header(name: string, value: string) {
      sent.headers[name] = value;
      return reply;
    },
    status(code: number) {
      sent.status = code;
      return reply;
    },
    send() {
      return reply;
    },
  } as unknown as FastifyReply;
  sendError(request, reply, error);
  return { lines, sent };
}

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('sendError: how a failed request is logged', () => {
  it.each([
    ['server stopping', withCode('terminating connection due to administrator command', '57P01')],
    ['server down', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['lock timeout', withCode('canceling statement due to lock timeout', '55P03')],
    ['connection cut', new Error('Connection terminated unexpectedly')],
  ])('database unavailable (%s): 503 at warn, without a stack', (_case, error) => {
    const { lines, sent } = answer(error);
    expect(sent.status).toBe(503);
    expect(sent.headers['retry-after']).toBe('5');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 40,
      status: 503,
      code: 'database_unavailable',
      reason: error.message,
      msg: 'request failed: database unavailable',
    });
    expect(JSON.stringify(lines[0])).not.toContain('    at ');
  });

  it('an internal error: 500 at error, with its stack', () => {
    const { lines, sent } = answer(new Error('boom'));
    expect(sent.status).toBe(500);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, msg: 'request failed' });
    expect((lines[0]?.err as { stack?: string } | undefined)?.stack).toContain('boom');
  });
});
