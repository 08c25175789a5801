import { describe, expect, it } from 'vitest';
import { EmailProbeGate } from './email-probe-gate.ts';

/** One batch: `candidates` probes it would report; `budget` what its reservation saw left. */
interface Batch {
  readonly candidates: number;
  readonly budget: number;
}

/**
 * Runs batches through a reserving gate as an import does: reserve (capped by `wanted` and the
 * budget), grant, then admit the candidates in order. Answers the admits per batch and whether the
 * gate closed.
 */
function run(batches: readonly Batch[]): { admitted: number[]; wanted: number[]; closed: boolean } {
  const gate = EmailProbeGate.reserving(10);
  const admitted: number[] = [];
  const wanted: number[] = [];
  for (const [index, batch] of batches.entries()) {
    const asked = gate.wanted(batch.candidates);
    wanted.push(asked);
    // As reserveEmailProbes: nothing asked, nothing looked up (no budget seen).
    if (asked === 0) gate.grant(0, Number.POSITIVE_INFINITY);
    else gate.grant(Math.min(asked, batch.budget), batch.budget);
    let yes = 0;
    for (let n = 0; n < batch.candidates; n += 1) if (gate.admit(`b${index}-${n}@x.example`)) yes += 1;
    admitted.push(yes);
  }
  return { admitted, wanted, closed: gate.closed };
}

describe('EmailProbeGate reserving batch by batch', () => {
  it.each<[string, Batch[], { admitted: number[]; wanted: number[]; closed: boolean }]>([
    ['all within the budget', [{ candidates: 3, budget: 10 }], { admitted: [3], wanted: [3], closed: false }],
    [
      'the budget runs out inside a batch: closed from there',
      [
        { candidates: 12, budget: 10 },
        { candidates: 1, budget: 10 },
      ],
      { admitted: [10, 0], wanted: [12, 0], closed: true },
    ],
    [
      'others used the budget between batches: the next batch reports what is left',
      [
        { candidates: 2, budget: 10 },
        { candidates: 4, budget: 3 },
      ],
      { admitted: [2, 3], wanted: [2, 4], closed: true },
    ],
    [
      'a run never earns more than the least budget it saw (a minute passing gives no more)',
      [
        { candidates: 2, budget: 4 },
        { candidates: 5, budget: 10 },
      ],
      { admitted: [2, 2], wanted: [2, 2], closed: true },
    ],
    [
      'a batch without candidates asks nothing and keeps the gate open',
      [
        { candidates: 0, budget: 0 },
        { candidates: 1, budget: 1 },
      ],
      { admitted: [0, 1], wanted: [0, 1], closed: false },
    ],
    [
      'nothing left: the first candidate closes it',
      [{ candidates: 2, budget: 0 }],
      { admitted: [0], wanted: [2], closed: true },
    ],
  ])('%s', (_name, batches, expected) => {
    expect(run(batches)).toEqual(expected);
  });

  it('reports what it admitted once', () => {
    const gate = EmailProbeGate.reserving(10);
    gate.grant(gate.wanted(2), 10);
    gate.admit('a@x.example');
    gate.admit('b@x.example');
    expect(gate.takeReported()).toEqual(['a@x.example', 'b@x.example']);
    expect(gate.takeReported()).toEqual([]);
  });

  it('with a budget given at once (no reservations), admits that many', () => {
    const gate = new EmailProbeGate(1, 10);
    expect([gate.admit('a@x.example'), gate.admit('b@x.example'), gate.closed]).toEqual([true, false, true]);
  });
});
