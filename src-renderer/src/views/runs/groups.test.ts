import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../../src-main/api/table';
import { groupBySweep } from './groups';

const run = (id: number, sweepId: number | null) => ({ id, sweepId }) as RunSummary;

describe('groupBySweep', () => {
  it('puts one heading above each block of consecutive runs of a sweep', () => {
    const items = groupBySweep([run(9, null), run(8, 2), run(7, 2), run(6, 1), run(5, 1), run(4, 1), run(3, null)]);
    expect(
      items.map((i) =>
        i.kind === 'group' ? `sweep ${i.sweepId}: ${i.runIds.join(',')}` : `${i.run.id}${i.grouped ? '*' : ''}`,
      ),
    ).toEqual(['9', 'sweep 2: 8,7', '8*', '7*', 'sweep 1: 6,5,4', '6*', '5*', '4*', '3']);
  });
  it('gives a sweep split by another sort one heading per part, each with its own key', () => {
    const items = groupBySweep([run(5, 1), run(4, null), run(3, 1)]);
    const groups = items.filter((i) => i.kind === 'group');
    expect(groups.map((g) => [g.sweepId, g.runIds, g.key])).toEqual([
      [1, [5], 'sweep-1-at-5'],
      [1, [3], 'sweep-1-at-3'],
    ]);
  });
  it('has nothing to group on a page without lesson runs', () => {
    expect(groupBySweep([run(2, null), run(1, null)]).every((i) => i.kind === 'run')).toBe(true);
    expect(groupBySweep([])).toEqual([]);
  });
});
