// A 503 for an unavailable database is a known, passing state: logged at warn, one short line
// without a stack (444 such answers in 5 s wrote 888 KB of level-50 lines with stacks). A 500
// keeps its error line with the stack. The same for the admin API, the Wholesale API and SCIM,
// and each line names the trackingId once (the request's logger carries it).
import { Writable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { sendScimError } from '../scim/http/scim-errors.ts';
import { sendError } from './errors.ts';
import { sendPublicError } from './routes/wholesale/public-errors.ts';

type Send = (request: FastifyRequest, reply: FastifyReply, error: unknown) => FastifyReply;

const SENDERS: readonly (readonly [string, Send])[] = [
  ['admin API', sendError],
  ['Wholesale API', sendPublicError],
  ['SCIM', sendScimError],
];

function answer(error: unknown, send: Send = sendError) {
  const lines: Record<string, unknown>[] = [];
  const rawLines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString('utf8').split('\n').filter(Boolean)) {
        rawLines.push(text);
        lines.push(JSON.parse(text) as Record<string, unknown>);
      }
      done();
    },
  });
  const request = {
    id: 'req-1',
    url: '/v1/customers/c1/users',
    headers: {},
    // As Fastify's request logger: a child bound to the request id under app.ts's label.
    log: pino({ level: 'info' }, stream).child({ trackingId: 'req-1' }),
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
    type() {
      return reply;
    },
  } as unknown as FastifyReply;
  send(request, reply, error);
  return { lines, rawLines, sent };
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

describe.each(SENDERS)('%s: a failed request is one log line', (_api, send) => {
  it('a lost database connection: 503 at warn, without a stack, trackingId once', () => {
    const error = withCode('terminating connection due to administrator command', '57P01');
    const { lines, rawLines, sent } = answer(error, send);
    expect(sent.status).toBe(503);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, code: 'database_unavailable', trackingId: 'req-1' });
    expect(rawLines[0]).not.toContain('    at ');
    expect(rawLines[0]?.match(/"trackingId"/g)).toHaveLength(1);
  });

  it('an internal error: at error with its stack, trackingId once', () => {
    const { lines, rawLines, sent } = answer(new Error('boom'), send);
    expect(sent.status).toBe(500);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, trackingId: 'req-1' });
    expect((lines[0]?.err as { stack?: string } | undefined)?.stack).toContain('boom');
    expect(rawLines[0]?.match(/"trackingId"/g)).toHaveLength(1);
  });
});
