import { describe, expect, it } from 'vitest';
import { hyperparameterRows, metricRows, snapshotAt, visibleRows } from './compare';
import { runDetail } from './testing/run-detail';

function run(id: number, over: { lambda?: number; seed?: number; train?: number; test?: number | null } = {}) {
  return runDetail(id, over);
}

describe('hyperparameterRows', () => {
  it('marks exactly the settings that differ, and "differences only" keeps just those', () => {
    const rows = hyperparameterRows([run(1, { lambda: 0 }), run(2, { lambda: 3 })]);
    expect(rows.filter((r) => r.differs).map((r) => r.key)).toEqual(['lambda']);
    expect(visibleRows(rows, true)).toEqual([{ key: 'lambda', label: 'λ', values: ['0', '3'], differs: true }]);
    expect(visibleRows(rows, false).length).toBe(22);
  });
  it('names the cost and hidden activation, Ng’s where the run stores none', () => {
    const ng = run(1);
    const tanh = { ...run(2), hyperparameters: { ...run(2).hyperparameters, cost: 'quadratic', activation: 'tanh' } };
    const rows = hyperparameterRows([ng, tanh as typeof ng]);
    expect(rows.filter((r) => r.differs).map((r) => [r.key, r.values])).toEqual([
      ['cost', ['cross-entropy', 'quadratic']],
      ['activation', ['sigmoid', 'tanh']],
    ]);
  });
  it('shows sgd settings only for sgd runs', () => {
    const rows = hyperparameterRows([run(1)]);
    expect(rows.find((r) => r.key === 'learningRate')!.values).toEqual(['—']);
    expect(rows.find((r) => r.key === 'hiddenLayers')!.values).toEqual(['25']);
    expect(rows.find((r) => r.key === 'image')!.values).toEqual(['28×28 pixels']);
  });
  it('finds no difference between one run and itself, and none among zero runs', () => {
    expect(visibleRows(hyperparameterRows([run(1)]), true)).toEqual([]);
    expect(hyperparameterRows([]).every((r) => r.values.length === 0 && !r.differs)).toBe(true);
  });
});

describe('metricRows', () => {
  it('computes the train − test gap and keeps six decimals of J', () => {
    const rows = metricRows([run(1, { train: 0.998, test: 0.902 }), run(2, { lambda: 3, train: 0.956, test: 0.931 })]);
    const get = (key: string) => rows.find((r) => r.key === key)!.values;
    expect(get('gap')).toEqual(['+9.60 pp', '+2.50 pp']);
    expect(get('trainAccuracy')).toEqual(['99.80%', '95.60%']);
    expect(get('finalCost')).toEqual(['0.345679', '0.345679']);
    expect(get('durationMs')).toEqual(['12.4 s', '12.4 s']);
    expect(rows.find((r) => r.key === 'finalCost')!.differs).toBe(false);
  });
  it('shows a dash for metrics a run does not have yet', () => {
    const rows = metricRows([run(1)]);
    expect(rows.find((r) => r.key === 'gap')!.values).toEqual(['—']);
    expect(rows.find((r) => r.key === 'finalCost')!.values).toEqual(['0.500000']);
  });
});

describe('snapshotAt', () => {
  const snaps = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      index: i,
      iteration: i * 10,
      unitCount: 25,
      validationCost: null,
      validationAccuracy: null,
    }));
  it('takes the same fraction of the way through runs with different snapshot counts', () => {
    expect(snapshotAt(snaps(21), 0, 21)!.index).toBe(0);
    expect(snapshotAt(snaps(21), 20, 21)!.index).toBe(20);
    expect(snapshotAt(snaps(11), 10, 21)!.index).toBe(5);
    expect(snapshotAt(snaps(11), 20, 21)!.index).toBe(10);
  });
  it('handles runs with no or one snapshot, and a slider of one position', () => {
    expect(snapshotAt([], 3, 10)).toBeNull();
    expect(snapshotAt(snaps(1), 9, 10)!.index).toBe(0);
    expect(snapshotAt(snaps(5), 0, 1)!.index).toBe(4);
  });
});
