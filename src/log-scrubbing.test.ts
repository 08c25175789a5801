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
});
