import { sql } from 'kysely';
import type { RawBuilder, SqlBool } from 'kysely';
import { invalidFilter } from '../errors.ts';
import type { AttributePath, FilterNode } from './ast.ts';
import { booleanLiteral, isDateTimeLiteral } from './literal-types.ts';

// Translates a filter to a SQL condition when every attribute it names maps to a column; returns
// undefined otherwise, and the caller evaluates the filter in memory (same semantics, evaluator.ts).

export interface SqlColumn {
  /** A column reference or expression, e.g. sql.ref('u.email'). */
  readonly expr: RawBuilder<unknown>;
  readonly type: 'string' | 'boolean' | 'dateTime';
  readonly caseExact: boolean;
}

export type ColumnResolver = (path: AttributePath) => SqlColumn | undefined;

export function filterToSql(node: FilterNode, resolve: ColumnResolver): RawBuilder<SqlBool> | undefined {
  switch (node.kind) {
    case 'and':
    case 'or': {
      const left = filterToSql(node.left, resolve);
      const right = filterToSql(node.right, resolve);
      if (left === undefined || right === undefined) return undefined;
      return node.kind === 'and' ? sql<SqlBool>`(${left} and ${right})` : sql<SqlBool>`(${left} or ${right})`;
    }
    case 'not': {
      const inner = filterToSql(node.expr, resolve);
      return inner === undefined ? undefined : sql<SqlBool>`(not coalesce(${inner}, false))`;
    }
    case 'valuePath':
      return undefined;
    case 'present': {
      const column = resolve(node.path);
      if (column === undefined) return undefined;
      return column.type === 'string'
        ? sql<SqlBool>`(${column.expr} is not null and ${column.expr} <> '')`
        : sql<SqlBool>`(${column.expr} is not null)`;
    }
    case 'compare': {
      const column = resolve(node.path);
      if (column === undefined) return undefined;
      const value = node.value;
      if (column.type === 'boolean') {
        if (value === null) return undefined;
        // Not `value === "true"`: that read `active eq "maybe"` as `active eq false`.
        const wanted = booleanLiteral(value);
        if (wanted === undefined)
          throw invalidFilter(`A boolean compares with true or false, not ${String(value)}`);
        if (node.op === 'eq') return sql<SqlBool>`(${column.expr} = ${wanted})`;
        if (node.op === 'ne') return sql<SqlBool>`(${column.expr} is distinct from ${wanted})`;
        throw invalidFilter(`Operator "${node.op}" cannot compare a boolean`);
      }
      if (value === null) {
        if (node.op === 'eq') return sql<SqlBool>`(${column.expr} is null or ${column.expr}::text = '')`;
        throw invalidFilter(`Operator "${node.op}" cannot compare null`);
      }
      if (typeof value === 'boolean') return undefined;
      if (column.type === 'dateTime') {
        const op = ORDER_SQL[node.op];
        if (op === undefined) return undefined;
        if (!isDateTimeLiteral(value))
          throw invalidFilter(`A date-time compares with a date-time, not ${String(value)}`);
        const at = new Date(Date.parse(value)).toISOString();
        // Compared at the millisecond precision we render (`meta.lastModified`), not PostgreSQL's
        // microseconds: `gt` the value a client read back must not match the resource it read.
        return sql<SqlBool>`(date_trunc('milliseconds', ${column.expr}) ${sql.raw(op)} ${at}::timestamptz)`;
      }
      const text = String(value);
      const left = column.caseExact ? column.expr : sql`lower(${column.expr})`;
      const right = column.caseExact ? text : text.toLowerCase();
      switch (node.op) {
        case 'eq':
          return sql<SqlBool>`(${left} = ${right})`;
        case 'ne':
          return sql<SqlBool>`(${left} is distinct from ${right})`;
        case 'co':
          return sql<SqlBool>`(${left} like ${`%${escapeLike(right)}%`})`;
        case 'sw':
          return sql<SqlBool>`(${left} like ${`${escapeLike(right)}%`})`;
        case 'ew':
          return sql<SqlBool>`(${left} like ${`%${escapeLike(right)}`})`;
        default:
          // Ordering compares with the database collation, which need not match the in-memory order.
          return sql<SqlBool>`(${left} collate "C" ${sql.raw(ORDER_SQL[node.op] ?? '=')} ${right})`;
      }
    }
  }
}

const ORDER_SQL: Partial<Record<string, string>> = {
  eq: '=',
  ne: '<>',
  gt: '>',
  ge: '>=',
  lt: '<',
  le: '<=',
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
