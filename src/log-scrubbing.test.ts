import { describe, expect, it } from 'vitest';
import { scrubLogLine } from './log-scrubbing.ts';

describe('scrubLogLine', () => {
  it.each([
    ['"url":"/invite/Zt3x-abcdefghijk"', '"url":"/invite/[redacted]"'],
    ['"url":"/reset-password/Zt3xabcdefghijk?x=1"', '"url":"/reset-password/[redacted]?x=1"'],
    ['"url":"/signup/verify?token=abc.def-ghi"', '"url":"/signup/verify?token=[redacted]"'],
    ['"url":"/consent?lang=nl&token=abc%2Edef"', '"url":"/consent?lang=nl&token=[redacted]"'],
    ['"url":"/x?access_token=abc&page=2"', '"url":"/x?access_token=[redacted]&page=2"'],
    [
      '"msg":"token whk_4YAXgaTYFohGDYcCc2bMbA6V5tYZUWUW1Jhi9rJ-y2k used"',
      '"msg":"token whk_[redacted] used"',
    ],
    ['"msg":"scim whscim_abcdefghijklmnop"', '"msg":"scim whscim_[redacted]"'],
    ['"msg":"sent Authorization: Bearer abcdefghijklmnop"', '"msg":"sent Authorization: Bearer [redacted]"'],
    [
      '"msg":"Key (email)=(jan.devries@bakkerij.example.nl) already exists"',
      '"msg":"Key (email)=(j***@bakkerij.example.nl) already exists"',
    ],
    [
      '"url":"/scim/v2/Users?filter=userName%20eq%20%22jan%40devries.example%22"',
      '"url":"/scim/v2/Users?filter=userName%20eq%20%22j***%40devries.example%22"',
    ],
    ['"url":"/v1/customers?page=2&search=bakker"', '"url":"/v1/customers?page=2&search=bakker"'],
    ['"msg":"listening at http://127.0.0.1:3000"', '"msg":"listening at http://127.0.0.1:3000"'],
    [
      '"err":"at file:///work/node_modules/@scope/pkg/index.js:1:2"',
      '"err":"at file:///work/node_modules/@scope/pkg/index.js:1:2"',
    ],
  ])('%s', (line, expected) => {
    expect(scrubLogLine(line)).toBe(expected);
  });

  // docs/operations.md: an email keeps its first character and domain, however it is encoded.
  it.each([
    [
      'an encoded + in a query',
      '"url":"/v1/wholesale/subscribers?email=first.last%2Btag%40devries.example"',
      '"url":"/v1/wholesale/subscribers?email=f***%40devries.example"',
    ],
    ['lowercase escapes', '?email=first.last%2btag%40devries.example', '?email=f***%40devries.example'],
    ['an encoded dot', '?email=first%2Elast%40x.nl&page=2', '?email=f***%40x.nl&page=2'],
    [
      'encoded atext (! # $ * ^ ` { | } ~)',
      '?email=a%21b%23c%24d%2Ae%5Ef%60g%7Bh%7Ci%7Dj%7Ek%40x.nl',
      '?email=a***%40x.nl',
    ],
    ['encoded letters', '?email=%6Aan%40x.nl', '?email=%6A***%40x.nl'],
    ['a UTF-8 local part', '?email=%C3%A9lise.bos%40x.nl', '?email=%C3***%40x.nl'],
    [
      'a raw + (not a query string)',
      '"msg":"mail to first.last+tag@devries.example failed"',
      '"msg":"mail to f***@devries.example failed"',
    ],
    [
      'a SCIM filter with %20 spaces and %22 quotes',
      '/scim/v2/x/Users?filter=userName%20eq%20%22a.b%2Bc%40x.nl%22',
      '/scim/v2/x/Users?filter=userName%20eq%20%22a***%40x.nl%22',
    ],
    [
      'a SCIM filter with + spaces and %22 quotes',
      '/scim/v2/x/Users?filter=userName+eq+%22a.b%2Bc%40x.nl%22',
      '/scim/v2/x/Users?filter=userName+eq+%22a***%40x.nl%22',
    ],
    [
      'a SCIM filter with + spaces and no quotes',
      '/scim/v2/x/Users?filter=userName+eq+a.b%2Bc%40x.nl',
      '/scim/v2/x/Users?filter=userName+eq+a***%40x.nl',
    ],
    [
      'a SCIM filter as sent, unencoded quotes in JSON',
      '"filter":"userName eq \\"a.b+c@x.nl\\""',
      '"filter":"userName eq \\"a***@x.nl\\""',
    ],
    [
      'an escaped quote and parenthesis before it',
      '?q=%28%27jan.de.vries%40x.nl%27%29',
      '?q=%28%27j***%40x.nl%27%29',
    ],
    ['after a bare %', '"msg":"100%jan@x.nl"', '"msg":"100%j***@x.nl"'],
    ['two addresses', 'a%2Bb%40x.nl,c.d%40y.nl', 'a***%40x.nl,c***%40y.nl'],
    ['an encoded + with no address', '?search=a%2Bb&x=%40home', '?search=a%2Bb&x=%40home'],
  ])('masks an email: %s', (_case, line, expected) => {
    expect(scrubLogLine(line)).toBe(expected);
  });
});
