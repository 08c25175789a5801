import { describe, expect, it } from 'vitest';
import type { BatchResult } from '../api/add-users.ts';
import { failedRowsToFix } from './failed-rows.ts';
import { emptyRow } from './manual-rows-rules.ts';

describe('failedRowsToFix', () => {
  it('keeps the refused rows with their reasons, each with the field it names', () => {
    const rows = [emptyRow(), emptyRow(), emptyRow()];
    const results: BatchResult[] = [
      { result: 'created', user: { id: 'u1' } as BatchResult['user'], errors: [] },
      {
        result: 'failed',
        errors: [
          { code: 'extension_taken', field: 'extension', description: 'Taken.' },
          { code: 'empty', description: '' },
          { code: 'sold_out', description: 'No licences left.' },
        ],
      },
      { result: 'failed', errors: [] },
    ];
    const toFix = failedRowsToFix(rows, results);
    expect(toFix.rows).toEqual([rows[1], rows[2]]);
    expect(toFix.errors).toEqual({
      [rows[1]!.key]: [
        { code: 'extension_taken', field: 'extension', description: 'Taken.' },
        { code: 'sold_out', description: 'No licences left.' },
      ],
    });
  });
});
