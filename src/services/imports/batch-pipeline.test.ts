import { describe, expect, it } from 'vitest';
import { readAhead } from './batch-pipeline.ts';

/** A source that logs when each item is asked for and when it is closed. */
function loggedSource(items: readonly string[], log: string[]): AsyncGenerator<string> {
  return (async function* source() {
    try {
      for (const item of items) {
        log.push(`fetch ${item}`);
        await Promise.resolve();
        yield item;
      }
    } finally {
      log.push('closed');
    }
  })();
}

describe('readAhead', () => {
  it('yields every item in order', async () => {
    const seen: string[] = [];
    for await (const item of readAhead(loggedSource(['a', 'b', 'c'], []))) seen.push(item);
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('has the next item fetched while the caller works on the current one', async () => {
    const log: string[] = [];
    for await (const item of readAhead(loggedSource(['a', 'b', 'c'], log))) {
      await new Promise((resolve) => setImmediate(resolve));
      log.push(`use ${item}`);
    }
    expect(log).toEqual(['fetch a', 'fetch b', 'use a', 'fetch c', 'use b', 'closed', 'use c']);
  });

  it('closes the source when the caller stops early', async () => {
    const log: string[] = [];
    for await (const item of readAhead(loggedSource(['a', 'b', 'c'], log))) {
      log.push(`use ${item}`);
      break;
    }
    expect(log.at(-1)).toBe('closed');
    expect(log).not.toContain('use b');
  });

  it('passes on the failure of a fetch when its item is reached', async () => {
    const failing = (async function* source() {
      yield 'a';
      throw new Error('database gone');
    })();
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const item of readAhead(failing)) seen.push(item);
      })(),
    ).rejects.toThrow('database gone');
    expect(seen).toEqual(['a']);
  });
});
