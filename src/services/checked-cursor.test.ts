import { describe, expect, it } from 'vitest';
import { decodeIdCursor, decodeInstantCursor } from './checked-cursor.ts';
import { encodeCursor } from './paging.ts';

const ID = '0a6b8164-d8fc-4ddf-9f78-0caf516d0125';

describe('checked cursors', () => {
  it.each([
    ['a time and a uuid', { key: '2026-01-01T10:00:00.123Z', id: ID }, true],
    ['a text key and a uuid', { key: 'devries.example', id: ID }, true],
    ['an id that is no uuid', { key: '2026-01-01T10:00:00.123Z', id: 'x' }, false],
  ])('%s', (_case, position, idOk) => {
    const decodeId = () => decodeIdCursor(encodeCursor(position));
    if (idOk) expect(decodeId()).toEqual(position);
    else expect(decodeId).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });

  it('reads no cursor as the first page', () => {
    expect(decodeIdCursor(undefined)).toBeNull();
  });
});

describe('instant cursors (creation time to the microsecond)', () => {
  const NIL = '00000000-0000-0000-0000-000000000000';
  it.each([
    [
      'microseconds, as handed out now',
      '2026-01-01T10:00:00.123456Z',
      'ascending',
      { at: '2026-01-01T10:00:00.123456Z', id: ID },
    ],
    [
      'microseconds, newest first',
      '2026-01-01T10:00:00.123456Z',
      'descending',
      { at: '2026-01-01T10:00:00.123456Z', id: ID },
    ],
    // A millisecond cursor from before resumes at its millisecond's edge: rows of that millisecond
    // may show again, none is skipped.
    [
      'milliseconds, oldest first',
      '2026-01-01T10:00:00.123Z',
      'ascending',
      { at: '2026-01-01T10:00:00.123Z', id: NIL },
    ],
    [
      'milliseconds, newest first',
      '2026-01-01T10:00:00.999Z',
      'descending',
      { at: '2026-01-01T10:00:01.000Z', id: NIL },
    ],
  ] as const)('%s', (_case, key, order, expected) => {
    expect(decodeInstantCursor(encodeCursor({ key, id: ID }), order)).toEqual(expected);
  });

  it.each([
    ['a day that does not exist', '2026-02-30T10:00:00.123456Z'],
    ['seven fraction digits', '2026-01-01T10:00:00.1234567Z'],
    ['no zone', '2026-01-01T10:00:00.123456'],
    ['text', 'yesterday'],
  ])('refuses %s with the paging 400', (_case, key) => {
    expect(() => decodeInstantCursor(encodeCursor({ key, id: ID }), 'ascending')).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
  });

  it('reads no cursor as the first page', () => {
    expect(decodeInstantCursor(undefined, 'descending')).toBeNull();
  });
});
