// The plan PostgreSQL chooses for a repository's own SELECT: the paging tests check that a page
// reads its index in the list's order, with the cursor as the index condition and no sort.
import {
  ExplainNode,
  SelectQueryNode,
  sql,
  type Kysely,
  type KyselyPlugin,
  type RootOperationNode,
} from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import type { Executor } from '../../src/services/context.ts';

/** Runs the repository's own SELECT as `EXPLAIN` (text format): its rows are then the plan's lines. */
const explaining: KyselyPlugin = {
  transformQuery(args: { node: RootOperationNode }): RootOperationNode {
    if (!SelectQueryNode.is(args.node)) return args.node;
    return { ...args.node, explain: ExplainNode.create() };
  },
  async transformResult(args) {
    return args.result;
  },
};

/** The plan of `page` (a repository call), with sequential scans off so the choice is the index's. */
export async function planOf(
  db: Kysely<DB>,
  page: (executor: Executor) => Promise<unknown[]>,
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    await sql`set local enable_bitmapscan = off`.execute(trx);
    const lines = (await page(trx.withPlugin(explaining))) as Record<string, string>[];
    return lines.map((line) => line['QUERY PLAN']).join('\n');
  });
}
