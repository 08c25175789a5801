import { describe, expect, it } from 'vitest';
import { NumberKeyMap } from '../../lib/number-key-map.ts';
import { bytesSource, openCsv } from './read-csv.ts';
import { emailFingerprint, findRepeatedEmailFingerprints, RepeatedEmails } from './repeated-emails.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('findRepeatedEmailFingerprints', () => {
  const columns = async (bytes: Uint8Array) => {
    const opened = await openCsv(bytesSource(bytes));
    if (!opened.ok) throw new Error(opened.error.code);
    return opened.columns;
  };
  const repeated = async (text: string) => {
    const bytes = utf8(text);
    return findRepeatedEmailFingerprints(() => bytesSource(bytes, 9), await columns(bytes));
  };

  it('finds the emails on more than one row, read as the planner reads them', async () => {
    const found = await repeated(
      'Title,User ID/Email (Required)\nx,A@x.nl\ny, a@x.nl \nz,b@x.nl\n,\nw,c@x.nl\nv,C@X.NL\n',
    );
    expect(found.size).toBe(2);
    expect(found.has(emailFingerprint('a@x.nl'))).toBe(true);
    expect(found.has(emailFingerprint('c@x.nl'))).toBe(true);
    expect(found.has(emailFingerprint('b@x.nl'))).toBe(false);
  });

  it('reads a file with quoted fields through csv-parse, a multi-line field included', async () => {
    const found = await repeated(
      'Title,User ID/Email (Required)\n"two\nlines",a@x.nl\n"say ""hi""",b@x.nl\nx,a@x.nl\n',
    );
    expect([...found.entries()].map(([fingerprint]) => fingerprint)).toEqual([emailFingerprint('a@x.nl')]);
  });

  it('never counts the header', async () => {
    const found = await repeated('User ID/Email (Required)\nuser id/email (required)\n');
    expect(found.size).toBe(0);
  });
});

describe('RepeatedEmails', () => {
  it('answers exactly, and remembers only emails whose fingerprint repeats', () => {
    const fingerprints = new NumberKeyMap();
    // a and b share no email, but both fingerprints are listed (as a collision would list them).
    for (const email of ['a@x.nl', 'b@x.nl']) fingerprints.set(emailFingerprint(email), 1);
    const seen = new RepeatedEmails(fingerprints);
    expect(seen.firstRowOf('a@x.nl', 2)).toBeUndefined();
    expect(seen.firstRowOf('b@x.nl', 3)).toBeUndefined();
    expect(seen.firstRowOf('c@x.nl', 4)).toBeUndefined();
    expect(seen.firstRowOf('a@x.nl', 5)).toBe(2);
    expect(seen.firstRowOf('c@x.nl', 6)).toBeUndefined();
    expect(seen.emailOfFirstRow(2)).toBe('a@x.nl');
    expect(seen.emailOfFirstRow(3)).toBe('b@x.nl');
    expect(seen.emailOfFirstRow(4)).toBeUndefined();
    expect(seen.emailOfFirstRow(5)).toBeUndefined();
  });

  it('gives different emails different fingerprints, all safe integers', () => {
    const fingerprints = Array.from({ length: 50_000 }, (_, index) =>
      emailFingerprint(`first.last${index}@customer.example`),
    );
    expect(fingerprints.every((fingerprint) => Number.isSafeInteger(fingerprint) && fingerprint >= 0)).toBe(
      true,
    );
    expect(new Set(fingerprints).size).toBe(50_000);
  });
});
