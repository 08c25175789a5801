import { describe, expect, it } from 'vitest';
import type { CliIo } from './io.ts';
import { allPages, inBatches, printJsonObjectWithList, printList } from './list-output.ts';

interface Item {
  readonly id: string;
  readonly nested?: { readonly list: readonly number[]; readonly text: string };
}

/** An io that records each write and each wait for the reader, in order. */
function recordingIo(): CliIo & { steps: string[]; text(): string } {
  const steps: string[] = [];
  return {
    steps,
    text: () => steps.filter((step) => step !== 'drained').join(''),
    interactive: false,
    cwd: '/',
    out: (text) => void steps.push(text),
    err: () => undefined,
    drained: async () => void steps.push('drained'),
    awaiting: () => undefined,
  };
}

const a: Item = { id: 'a' };
const b: Item = { id: 'b', nested: { list: [1, 2], text: 'two\nlines' } };
const c: Item = { id: 'c', nested: { list: [], text: '' } };

describe('printList', () => {
  it.each([
    { name: 'no page at all', pages: [] },
    { name: 'one empty page', pages: [[]] },
    { name: 'one item', pages: [[a]] },
    { name: 'nested values on one page', pages: [[a, b, c]] },
    { name: 'several pages', pages: [[a, b], [c], [a]] },
    { name: 'empty pages between', pages: [[], [a], [], [b, c], []] },
  ] as Array<{ name: string; pages: Item[][] }>)(
    '--json with $name prints what JSON.stringify(all, null, 2) printed',
    async ({ pages }) => {
      const io = recordingIo();
      await printList(io, pages, {
        json: true,
        columns: [{ header: 'ID', value: (item) => item.id }],
        empty: 'None.',
      });
      expect(io.text()).toBe(`${JSON.stringify(pages.flat(), null, 2)}\n`);
    },
  );

  it.each([
    // Piped, stdout holds records only: "None." goes to stderr (recordingIo drops it).
    { name: 'no item', pages: [[], []], expected: '' },
    { name: 'one page', pages: [[a, b]], expected: 'a\nb\n' },
    { name: 'several pages', pages: [[a], [], [b, c]], expected: 'a\nb\nc\n' },
  ] as Array<{ name: string; pages: Item[][]; expected: string }>)(
    'the human output with $name has a line per item',
    async ({ pages, expected }) => {
      const io = recordingIo();
      await printList(io, pages, {
        json: false,
        columns: [{ header: 'ID', value: (item) => item.id }],
        empty: 'None.',
      });
      expect(io.text()).toBe(expected);
    },
  );

  it('on a terminal prints an aligned table with a header that fits its width; piped, tab-separated records', async () => {
    type Row = { id: string; name: string; note: string };
    const rows: Row[] = [
      { id: '3f2c0000-0000-4000-8000-000000000001', name: 'Bakkerij De Vries', note: 'x'.repeat(60) },
      { id: '3f2c0000-0000-4000-8000-000000000002', name: 'Jansen', note: 'short' },
    ];
    const columns = [
      { header: 'ID', value: (row: Row) => row.id },
      { header: 'NAME', value: (row: Row) => row.name },
      { header: 'NOTE', value: (row: Row) => row.note, dropOrder: 0 },
    ];
    const terminal = { ...recordingIo(), outColumns: 60 };
    await printList(terminal, [rows.slice(0, 1), rows.slice(1)], { json: false, columns, empty: 'None.' });
    const lines = terminal.text().trimEnd().split('\n');
    expect(lines).toEqual([
      'ID                                    NAME',
      '3f2c0000-0000-4000-8000-000000000001  Bakkerij De Vries',
      '3f2c0000-0000-4000-8000-000000000002  Jansen',
    ]);
    // A column that stays is cut with "…" to fit.
    const kept = columns.map(({ header, value }) => ({ header, value }));
    const wide = { ...recordingIo(), outColumns: 80 };
    await printList(wide, [rows], { json: false, columns: kept, empty: 'None.' });
    for (const line of wide.text().trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(wide.text()).toContain('NOTE');
    expect(wide.text()).toContain('…');
    const piped = recordingIo();
    await printList(piped, [rows], { json: false, columns, empty: 'None.' });
    expect(piped.text()).toBe(rows.map((row) => `${row.id}\t${row.name}\t${row.note}\n`).join(''));
  });

  it('writes each page as it comes and waits for the reader before the next', async () => {
    const io = recordingIo();
    const fetched: Array<string | undefined> = [];
    const pages = allPages(async (cursor) => {
      fetched.push(cursor);
      // The output of the page before this one is written (and drained) before it is fetched.
      expect(io.steps.at(-1) ?? 'drained').toBe('drained');
      if (cursor === undefined) return { items: [a], nextCursor: 'p2' };
      if (cursor === 'p2') return { items: [b], nextCursor: 'p3' };
      return { items: [c], nextCursor: null };
    });
    await printList(io, pages, {
      json: true,
      columns: [{ header: 'ID', value: (item) => item.id }],
      empty: 'None.',
    });
    expect(fetched).toEqual([undefined, 'p2', 'p3']);
    const writes = io.steps.filter((step) => step !== 'drained');
    expect(writes).toHaveLength(4);
    expect(io.steps.filter((step) => step === 'drained')).toHaveLength(4);
    expect(JSON.parse(io.text())).toEqual([a, b, c]);
  });
});

describe('printJsonObjectWithList', () => {
  const row = (n: number) => ({ row: n, email: `u${n}@x.example`, messages: n % 2 ? ['a\nb'] : [] });
  it.each([
    { name: 'no rows', batches: [] as Array<Array<ReturnType<typeof row>>>, tail: {} },
    { name: 'rows in batches', batches: [[row(1), row(2)], [], [row(3)]], tail: {} },
    { name: 'a member after the rows', batches: [[row(1)]], tail: { fileError: 'bad "file"' } },
    { name: 'no rows, a member after them', batches: [], tail: { fileError: 'bad' } },
  ])('with $name prints what JSON.stringify(object, null, 2) printed', async ({ batches, tail }) => {
    const head = { jobId: 'j', status: 'completed', counts: { add: 1, error: 0 }, fileWarnings: ['w'] };
    const io = recordingIo();
    await printJsonObjectWithList(io, head, 'rows', inBatches(rowsOf(batches), 2), tail);
    expect(io.text()).toBe(`${JSON.stringify({ ...head, rows: batches.flat(), ...tail }, null, 2)}\n`);
  });
});

async function* rowsOf<T>(batches: readonly (readonly T[])[]): AsyncGenerator<T> {
  for (const batch of batches) yield* batch;
}
