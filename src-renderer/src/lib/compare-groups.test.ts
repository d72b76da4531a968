import { describe, expect, it } from 'vitest';
import { metricRows, visibleRows } from './compare';
import { defaultVerdictMetric, groupHyperparameterRows, groupMetricRows, singletons } from './compare-groups';
import { groupBySeed } from './seed-groups';
import { runDetail } from './testing/run-detail';

const zero = [0.865, 0.871, 0.878].map((test, k) =>
  runDetail(k + 1, { lambda: 0, seed: k + 1, train: 1, validation: test + 0.01, test, finalCost: 0.01 * (k + 1) }),
);
const three = [0.894, 0.899, 0.89].map((test, k) =>
  runDetail(k + 11, { lambda: 3, seed: k + 1, train: 0.97 + k / 100, validation: test, test, finalCost: 0.5 }),
);

describe('groupMetricRows', () => {
  it('shows mean ± sd (n) for a group of seeds and the gap of the means', () => {
    const rows = groupMetricRows(groupBySeed([...zero, ...three]));
    const get = (key: string) => rows.find((r) => r.key === key)!;
    expect(rows.map((r) => r.key)).toEqual([
      'status',
      'runs',
      'trainAccuracy',
      'validationAccuracy',
      'testAccuracy',
      'gap',
      'finalCost',
      'durationMs',
      'costEvaluations',
    ]);
    expect(get('runs').values).toEqual(['3', '3']);
    expect(get('status').values).toEqual(['3 finished', '3 finished']);
    // test accuracy sd: 0.6506… pp and 0.4509… pp (numpy ddof=1): one significant digit → 1 decimal
    expect(get('testAccuracy')).toMatchObject({
      label: 'Test accuracy (mean ± sd)',
      values: ['87.1 ± 0.7 % (n = 3)', '89.4 ± 0.5 % (n = 3)'],
      differs: true,
    });
    // training accuracy of λ = 0 has no spread (all 100 %): decimals follow λ = 3's sd of 1 pp
    expect(get('trainAccuracy').values).toEqual(['100.0 ± 0.0 % (n = 3)', '98.0 ± 1.0 % (n = 3)']);
    expect(get('gap').values).toEqual(['+12.87 pp', '+8.57 pp']);
    expect(get('finalCost').values).toEqual(['0.020 ± 0.010 (n = 3)', '0.500 ± 0.000 (n = 3)']);
    expect(get('durationMs').values).toEqual(['12.4 s', '12.4 s']);
  });
  it('reads exactly as the ungrouped table when every group is one run', () => {
    const runs = [zero[0], three[0]];
    expect(groupMetricRows(singletons(runs))).toEqual(metricRows(runs));
  });
});

describe('groupHyperparameterRows', () => {
  it('lists each group’s seeds, and "differences only" keeps just λ', () => {
    const rows = groupHyperparameterRows(groupBySeed([...zero, ...three]));
    expect(rows.find((r) => r.key === 'seed')).toEqual({
      key: 'seed',
      label: 'Seeds',
      values: ['1–3', '1–3'],
      differs: false,
    });
    expect(visibleRows(rows, true)).toEqual([{ key: 'lambda', label: 'λ', values: ['0', '3'], differs: true }]);
  });
});

describe('defaultVerdictMetric', () => {
  it('test accuracy when every group has it, else validation, else training', () => {
    expect(defaultVerdictMetric(groupBySeed([...zero, ...three]))).toBe('testAccuracy');
    const noTest = [
      runDetail(1, { train: 0.9, validation: 0.8 }),
      runDetail(2, { lambda: 2, train: 0.9, validation: 0.85 }),
    ];
    expect(defaultVerdictMetric(singletons(noTest))).toBe('validationAccuracy');
    expect(defaultVerdictMetric(singletons([runDetail(1, { train: 0.9 })]))).toBe('trainAccuracy');
  });
});
