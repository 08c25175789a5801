// A list whose reader left (`hub users list | head`, a forwarded CLI stopped with Ctrl+C) stops
// fetching pages: it read every page of 60,000 users (46 s of database work in the server) only to
// drop them. It ends quietly, as the command would have: the reader left by choice.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProcessIo, type CliIo } from './io.ts';
import { allPages, inBatches, printJsonObjectWithList, printList } from './list-output.ts';

const PAGES = 100;

/** An io whose reader leaves once `leaveAfter` writes were made (the reader stays when null). */
function leavingIo(leaveAfter: number | null): CliIo & { writes: string[]; errors: string[] } {
  const writes: string[] = [];
  const errors: string[] = [];
  return {
    writes,
    errors,
    interactive: false,
    cwd: '/',
    out: (text) => void writes.push(text),
    err: (text) => void errors.push(text),
    drained: () => Promise.resolve(),
    awaiting: () => undefined,
    readerGone: () => leaveAfter !== null && writes.length >= leaveAfter,
  };
}

/** A paged listing of `PAGES` pages of two items that counts the pages fetched. */
function countedPages() {
  const counter = { fetched: 0 };
  const pages = allPages(async (cursor) => {
    counter.fetched += 1;
    const page = Number(cursor ?? '0');
    return {
      items: [{ id: `${page}-a` }, { id: `${page}-b` }],
      nextCursor: page + 1 < PAGES ? String(page + 1) : null,
    };
  });
  return { counter, pages };
}

/** `count` rows that count how many were read. */
function countedRows(count: number) {
  const counter = { read: 0 };
  async function* rows() {
    for (let index = 0; index < count; index += 1) {
      counter.read += 1;
      yield { row: index + 2, email: `u${index}@x.example` };
    }
  }
  return { counter, rows: rows() };
}

describe('printList when the reader leaves', () => {
  it.each([{ json: true }, { json: false }])(
    'json $json: fetches no page after the reader left after page 2, and says nothing',
    async ({ json }) => {
      const io = leavingIo(2);
      const { counter, pages } = countedPages();
      await printList(io, pages, {
        json,
        columns: [{ header: 'ID', value: (item) => item.id }],
        empty: 'None.',
      });
      expect(counter.fetched).toBeLessThanOrEqual(3);
      expect(io.writes).toHaveLength(2);
      expect(io.errors).toEqual([]);
    },
  );

  it('fetches nothing for a reader gone before the first page', async () => {
    const io = leavingIo(0);
    const { counter, pages } = countedPages();
    await printList(io, pages, {
      json: true,
      columns: [{ header: 'ID', value: (item) => item.id }],
      empty: 'None.',
    });
    expect(counter.fetched).toBe(0);
  });

  it.each([{ json: true }, { json: false }])(
    'json $json: a reader that stays gets every page, the same text as before',
    async ({ json }) => {
      const io = leavingIo(null);
      const { counter, pages } = countedPages();
      await printList(io, pages, {
        json,
        columns: [{ header: 'ID', value: (item) => item.id }],
        empty: 'None.',
      });
      expect(counter.fetched).toBe(PAGES);
      const all = Array.from({ length: PAGES }, (_, page) => [
        { id: `${page}-a` },
        { id: `${page}-b` },
      ]).flat();
      expect(io.writes.join('')).toBe(
        json ? `${JSON.stringify(all, null, 2)}\n` : `${all.map((item) => item.id).join('\n')}\n`,
      );
    },
  );
});

describe('printJsonObjectWithList and inBatches when the reader leaves', () => {
  it('reads no more rows than the batches written before the reader left, and one more', async () => {
    const io = leavingIo(3);
    const { counter, rows } = countedRows(10_000);
    await printJsonObjectWithList(io, { jobId: 'j' }, 'rows', inBatches(rows, 10));
    // The head, two batches; the third batch is the most read after that.
    expect(counter.read).toBeLessThanOrEqual(30);
    expect(io.writes).toHaveLength(3);
    expect(io.errors).toEqual([]);
  });

  it('inBatches given the io stops reading once its reader is gone', async () => {
    const io = leavingIo(2);
    const { counter, rows } = countedRows(10_000);
    for await (const batch of inBatches(rows, 10, io)) io.out(`${batch.length}\n`);
    expect(counter.read).toBeLessThanOrEqual(30);
  });

  it('a reader that stays gets every row, the same text as before', async () => {
    const io = leavingIo(null);
    const { counter, rows } = countedRows(25);
    await printJsonObjectWithList(io, { jobId: 'j' }, 'rows', inBatches(rows, 10, io), { done: true });
    expect(counter.read).toBe(25);
    const expected = {
      jobId: 'j',
      rows: Array.from({ length: 25 }, (_, index) => ({ row: index + 2, email: `u${index}@x.example` })),
      done: true,
    };
    expect(io.writes.join('')).toBe(`${JSON.stringify(expected, null, 2)}\n`);
  });
});

describe("the terminal's io", () => {
  it("says its reader is gone once stdout's pipe closed (EPIPE), not before", async () => {
    const stdout = new Writable({
      write: (_chunk, _encoding, callback) =>
        callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })),
    });
    const io = createProcessIo(stdout, new Writable({ write: (_c, _e, callback) => callback() }), '/');
    expect(io.readerGone?.()).toBe(false);
    io.out('first\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(io.readerGone?.()).toBe(true);
  });
});
