// readCsvTable reads a file of any columns with the users import's file rules (SPEC §6 "Files")
// and refuses one with its file issues.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readCsvTable } from './read-csv-table.ts';

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

describe('readCsvTable', () => {
  it.each([
    [
      'Windows-1252 (é, ë, €, ’)',
      iconv.encode('Email;Name\r\nrené@x.example;Zoë € ’\r\n', 'windows-1252'),
      'windows-1252',
      ['Email', 'Name'],
      [['rené@x.example', 'Zoë € ’']],
    ],
    [
      'UTF-8 with a BOM',
      utf8('\uFEFFEmail,Name\nann@x.example,Ann\n'),
      'utf-8',
      ['Email', 'Name'],
      [['ann@x.example', 'Ann']],
    ],
    ['a `;` delimiter and CRLF', utf8('a;b\r\n1;2,3\r\n'), 'utf-8', ['a', 'b'], [['1', '2,3']]],
    [
      'a quoted line break',
      utf8('a,b\n"x\r\ny",z\nq,r\n'),
      'utf-8',
      ['a', 'b'],
      [
        ['x\r\ny', 'z'],
        ['q', 'r'],
      ],
    ],
    [
      'blank rows and a stray CR',
      utf8('\n,\nemail\n\nann@x.example\rbob@x.example\n;\n'),
      'utf-8',
      ['email'],
      [['ann@x.example'], ['bob@x.example'], [';']],
    ],
    [
      'a header the user columns do not know',
      utf8('Whatever,Else\n1,2\n'),
      'utf-8',
      ['Whatever', 'Else'],
      [['1', '2']],
    ],
    [
      'UTF-8 with é after the first MiB',
      utf8(`email\n${'a@x.example\n'.repeat(100_000)}noël@x.example\n`),
      'utf-8',
      ['email'],
      null,
    ],
    [
      'Windows-1252 é after the first MiB',
      Buffer.concat([
        utf8(`email\n${'a@x.example\n'.repeat(100_000)}`),
        iconv.encode('noël@x.example\n', 'windows-1252'),
      ]),
      'windows-1252',
      ['email'],
      null,
    ],
  ])('reads %s', async (_name, file, encoding, headers, records) => {
    const table = await readCsvTable(file);
    if (!table.ok) throw new Error(table.error.code);
    expect(table.encoding).toBe(encoding);
    expect(table.headers).toEqual(headers);
    const cells = table.records.map((record) => record.cells());
    if (records) expect(cells).toEqual(records);
    else expect(cells.at(-1)).toEqual(['noël@x.example']);
  });

  it.each([
    ['nothing', utf8(''), { code: 'empty_file' }],
    ['blank lines and a BOM', utf8('\uFEFF\n \r\n'), { code: 'empty_file' }],
    ['a NUL byte', utf8('email\nann\u0000@x.example\n'), { code: 'binary_file' }],
    ['more than maxBytes', utf8('email\nann@x.example\n'), { code: 'file_too_large', limitBytes: 10 }],
    [
      'a quote never closed',
      utf8('email\n"ann@x.example\n'),
      { code: 'malformed_csv', row: 2, reason: 'unclosed_quote' },
    ],
  ])('refuses %s', async (_name, file, issue) => {
    const table = await readCsvTable(file, { maxBytes: 'limitBytes' in issue ? 10 : 1000 });
    expect(table.ok).toBe(false);
    if (!table.ok) expect(table.error).toMatchObject(issue);
  });
});
