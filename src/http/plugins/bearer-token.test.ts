import { describe, expect, it } from 'vitest';
import { bearerToken } from './bearer-token.ts';

const TOKEN = 'whk_AbC-123_xyz';

describe('bearerToken', () => {
  it.each([
    ['Bearer whk_AbC-123_xyz', TOKEN],
    ['bearer whk_AbC-123_xyz', TOKEN],
    ['BEARER whk_AbC-123_xyz', TOKEN],
    ['BeArEr whk_AbC-123_xyz', TOKEN],
    ['Bearer  whk_AbC-123_xyz', TOKEN],
    ['Bearer\twhk_AbC-123_xyz', TOKEN],
    ['  Bearer whk_AbC-123_xyz  ', TOKEN],
    ['Bearer whk_AbC-123_xyz\t', TOKEN],
    ['bearer WHK_abc', 'WHK_abc'],
    ['Bearer scim_token with spaces', 'scim_token with spaces'],
  ])('reads %j as %j', (header, expected) => {
    expect(bearerToken(header)).toBe(expected);
  });

  it.each([
    [undefined],
    [''],
    ['Bearer'],
    ['Bearer   '],
    ['Basic dXNlcjpwYXNz'],
    ['Bearerwhk_AbC-123_xyz'],
    ['Token whk_AbC-123_xyz'],
    [TOKEN],
  ])('finds no bearer token in %j', (header) => {
    expect(bearerToken(header)).toBeNull();
  });
});
