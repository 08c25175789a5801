// A lane's claim (ADR 0093) reads the runnable jobs of its own kinds (migration 0026), not every
// queued job along seq: with a backlog of emails, the customers lane read past each of them to
// find an import, at every poll of every worker (50,000 queued emails: 25 ms a claim, 0.1 ms now).
import { randomUUID } from 'node:crypto';
import { RawNode, sql, type KyselyPlugin, type QueryResult, type UnknownRow } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { claimNextJob } from '../../src/jobs/queue.ts';
import { WORKER_LANES } from '../../src/jobs/worker-lanes.ts';
import { useTestDatabase } from '../helpers/database.ts';

/** Runs the claim as EXPLAIN (nothing is claimed) and keeps the plan's lines. */
function explainingClaims() {
  const lines: string[] = [];
  const plugin: KyselyPlugin = {
    transformQuery({ node }) {
      if (!RawNode.is(node)) return node;
      const [first = '', ...rest] = node.sqlFragments;
      return RawNode.create([`explain ${first}`, ...rest], node.parameters);
    },
    async transformResult({ result }): Promise<QueryResult<UnknownRow>> {
      lines.push(...result.rows.map((row) => String(row['QUERY PLAN'])));
      return result;
    },
  };
  return { plugin, plan: () => lines.join('\n') };
}

describe('the plan of a lane’s claim', () => {
  const database = useTestDatabase();

  beforeAll(async () => {
    const { db } = database();
    await sql`insert into jobs (kind, payload)
      select 'deliver-email', '{}'::jsonb from generate_series(1, 20000)`.execute(db);
    for (let n = 0; n < 3; n += 1)
      await sql`insert into jobs (kind, payload, queue_key)
        values ('import-users', '{}'::jsonb, ${randomUUID()})`.execute(db);
    await sql`analyze jobs`.execute(db);
  });

  it('finds the customers lane’s jobs by their kind, not by reading the queued emails before them', async () => {
    const customers = WORKER_LANES.find((lane) => lane.name === 'customers');
    const explaining = explainingClaims();
    await claimNextJob(database().db.withPlugin(explaining.plugin), 'probe', 30, customers?.kinds ?? []);
    expect(explaining.plan()).toMatch(/using jobs_runnable_by_kind on jobs candidate/);
  });
});
