import { describe, expect, it } from 'vitest';
import { usersWhoseGroupsChanged } from './touch-member-users.ts';

describe('usersWhoseGroupsChanged', () => {
  it.each([
    ['nothing changes', ['a', 'b'], ['b', 'a'], 'G', []],
    ['one joins', ['a'], ['a', 'b'], 'G', ['b']],
    ['one leaves', ['a', 'b'], ['a'], 'G', ['b']],
    ['all replaced', ['a', 'b'], ['c'], 'G', ['a', 'b', 'c']],
    ['rename: every member before and after', ['a', 'b'], ['b', 'c'], 'H', ['a', 'b', 'c']],
    ['empty group renamed', [], [], 'H', []],
  ])('%s', (_name, before, after, newName, expected) => {
    const changed = usersWhoseGroupsChanged(
      { displayName: 'G', memberIds: before },
      { displayName: newName, memberIds: after },
    );
    expect([...changed].sort()).toEqual(expected);
  });
});
