import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProcessIo } from './io.ts';

/** A stdout whose reader went away: every write fails with EPIPE, as `| head` leaves it. */
function closedPipe(): Writable & { attempts: number } {
  const stream = new Writable({
    write(_chunk, _encoding, callback) {
      stream.attempts += 1;
      callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    },
  }) as Writable & { attempts: number };
  stream.attempts = 0;
  return stream;
}

describe('createProcessIo', () => {
  it('stops writing to a stdout whose reader is gone instead of crashing', async () => {
    const stdout = closedPipe();
    const io = createProcessIo(stdout, new Writable({ write: (_c, _e, callback) => callback() }), '/');
    io.out('first\n');
    await new Promise((resolve) => setImmediate(resolve));
    io.out('second\n');
    io.out('third\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(stdout.attempts).toBe(1);
  });
});
