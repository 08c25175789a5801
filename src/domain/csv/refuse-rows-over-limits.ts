// An import plans its rows against usage counted when its pass started (ADR 0013), so a user
// added by another channel meanwhile is not in its count. When a batch is written, under the
// customer's usage lock, its rows are checked again against the usage stored now (ADR 0073): the
// rows that would take a package or add-on past its limit become `package_limit_reached` errors,
// the last rows of the batch first, as if the file had reached the limit there.
import { ADD_ON_IDS } from '../packages/catalog.ts';
import type { UserState } from '../users/user-state.ts';
import type { RowError } from '../users/plan-issues.ts';
import type { CsvRowPlan } from './plan-csv-rows.ts';

/** Package or add-on id -> holders, for the ids sold with a limit. */
export type LimitedUsage = ReadonlyMap<string, number>;

function holdings(user: UserState | null): string[] {
  if (!user) return [];
  const ids: string[] = user.packageId ? [user.packageId] : [];
  for (const addOn of ADD_ON_IDS) if (user.addOns[addOn]) ids.push(addOn);
  return ids;
}

/** What writing the row does to each limited id's holders (only non-zero entries). */
function usageDelta(row: CsvRowPlan, limits: LimitedUsage): Map<string, number> {
  const delta = new Map<string, number>();
  if (row.action !== 'add' && row.action !== 'modify' && row.action !== 'remove') return delta;
  const add = (id: string, by: number) => {
    if (!limits.has(id)) return;
    const next = (delta.get(id) ?? 0) + by;
    if (next === 0) delta.delete(id);
    else delta.set(id, next);
  };
  for (const id of holdings(row.plan.before)) add(id, -1);
  for (const id of holdings(row.plan.after)) add(id, 1);
  return delta;
}

function refused(row: CsvRowPlan, packageId: string, limit: number): CsvRowPlan {
  const error: RowError = {
    code: 'package_limit_reached',
    column: packageId,
    params: { package: packageId, limit },
  };
  return {
    ...row,
    action: 'error',
    plan: { ...row.plan, action: 'error', after: row.plan.before, changes: [], errors: [error] },
    errors: [error],
  };
}

/**
 * The batch's rows with those that would pass a limit refused. `limits`: the limit of each id sold
 * with one; `stored`: its holders as committed now, read under the usage lock. A limit already
 * passed (stored above it) is not made worse: the batch may then only keep or lower that count.
 */
export function refuseRowsOverLimits(
  rows: readonly CsvRowPlan[],
  limits: LimitedUsage,
  stored: LimitedUsage,
): CsvRowPlan[] {
  const result = [...rows];
  if (limits.size === 0) return result;
  const deltas = rows.map((row) => usageDelta(row, limits));
  const after = new Map([...limits.keys()].map((id) => [id, stored.get(id) ?? 0]));
  for (const delta of deltas) for (const [id, by] of delta) after.set(id, (after.get(id) ?? 0) + by);
  const ceiling = (id: string) => Math.max(limits.get(id) ?? 0, stored.get(id) ?? 0);
  const over = () => [...after].filter(([id, count]) => count > ceiling(id)).map(([id]) => id);

  // Refusing a row that moved a user off one limited id onto another gives the first id its holder
  // back, which may take that id over: go round until nothing is over. Each round refuses at least
  // one row or stops, so this ends.
  for (let excess = over(); excess.length > 0; excess = over()) {
    let refusedAny = false;
    for (let index = result.length - 1; index >= 0 && excess.length > 0; index -= 1) {
      const delta = deltas[index];
      const row = result[index];
      if (!delta || !row || row.action === 'error') continue;
      const passed = excess.find((id) => (delta.get(id) ?? 0) > 0);
      if (passed === undefined) continue;
      result[index] = refused(row, passed, limits.get(passed) ?? 0);
      for (const [id, by] of delta) after.set(id, (after.get(id) ?? 0) - by);
      deltas[index] = new Map();
      refusedAny = true;
      excess = over();
    }
    if (!refusedAny) break;
  }
  return result;
}
