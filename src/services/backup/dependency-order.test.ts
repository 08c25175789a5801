import { describe, expect, it } from 'vitest';
import { dependencyOrder } from './migrate-to-postgres.ts';

describe('dependencyOrder', () => {
  it.each([
    {
      name: 'parents before children, whatever the listing order',
      tables: ['users', 'customers', 'partners', 'locations'],
      edges: [
        { child: 'customers', parent: 'partners' },
        { child: 'locations', parent: 'customers' },
        { child: 'users', parent: 'locations' },
        { child: 'users', parent: 'customers' },
      ],
      expected: ['partners', 'customers', 'locations', 'users'],
    },
    {
      name: 'self-references and edges to tables outside the copy do not order anything',
      tables: ['b', 'a'],
      edges: [
        { child: 'a', parent: 'a' },
        { child: 'b', parent: 'elsewhere' },
      ],
      expected: ['b', 'a'],
    },
    { name: 'no tables', tables: [], edges: [], expected: [] },
  ])('$name', ({ tables, edges, expected }) => {
    expect(dependencyOrder(tables, edges)).toEqual(expected);
  });

  it('refuses a cycle instead of guessing an order', () => {
    expect(() =>
      dependencyOrder(
        ['a', 'b', 'c'],
        [
          { child: 'a', parent: 'b' },
          { child: 'b', parent: 'a' },
        ],
      ),
    ).toThrow('The foreign keys between a, b form a cycle');
  });
});
