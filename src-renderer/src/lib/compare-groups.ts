/**
 * Compare's tables with one column per group of seeds: a group of one run reads exactly as the run
 * did ungrouped (compare.ts), a group of several shows its seeds, mean ± sd (n) of each metric, the
 * gap of the means and the mean time.
 */
import type { RunDetail } from '../../../src-main/api/table';
import { differ, hyperparameterRows, metricRows, type CompareRow } from './compare';
import { formatCount, formatDuration, formatGap } from './format';
import {
  decimalsFor,
  GROUP_METRICS,
  groupSummary,
  metricValues,
  seedList,
  summaryCell,
  type GroupMetricKey,
  type RunGroup,
} from './seed-groups';

/** Each run as a group of its own: Compare with seeds not grouped. */
export function singletons(runs: readonly RunDetail[]): RunGroup[] {
  return runs.map((r) => ({ key: `run-${r.id}`, runs: [r] }));
}

/** The settings of each group (its first run's), the seed row listing all its seeds. */
export function groupHyperparameterRows(groups: readonly RunGroup[]): CompareRow[] {
  return hyperparameterRows(groups.map((g) => g.runs[0])).map((row) => {
    if (row.key !== 'seed') return row;
    const values = groups.map(seedList);
    return {
      ...row,
      label: groups.some((g) => g.runs.length > 1) ? 'Seeds' : row.label,
      values,
      differs: differ(values),
    };
  });
}

/** One row per metric, a column per group; a group of several shows mean ± sd (n). */
export function groupMetricRows(groups: readonly RunGroup[]): CompareRow[] {
  const single = metricRows(groups.map((g) => g.runs[0]));
  const decimals = new Map(
    GROUP_METRICS.map((m) => [
      m.key,
      decimalsFor(
        groups.map((g) => (g.runs.length > 1 ? (groupSummary(g, m.key)?.sd ?? null) : null)),
        m.percent ? 1 : 3,
        m.percent ? 100 : 1,
      ),
    ]),
  );
  const cell = (g: RunGroup, k: number, key: string): string => {
    if (g.runs.length === 1) return single.find((r) => r.key === key)!.values[k];
    const metric = GROUP_METRICS.find((m) => m.key === key);
    if (metric) return summaryCell(groupSummary(g, metric.key), metric.percent, decimals.get(metric.key)!);
    switch (key) {
      case 'status':
        return statusOf(g);
      case 'gap':
        return formatGap(meanOf(g, 'trainAccuracy'), meanOf(g, 'testAccuracy'));
      case 'durationMs':
        return formatDuration(meanOfRuns(g, (r) => r.metrics?.durationMs ?? null));
      case 'costEvaluations': {
        const m = meanOfRuns(g, (r) => r.metrics?.costEvaluations ?? null);
        return m === null ? '—' : formatCount(Math.round(m));
      }
      default:
        return '—';
    }
  };
  const rows = single.map((row) => {
    const values = groups.map((g, k) => cell(g, k, row.key));
    const label = labelFor(row, groups);
    return { ...row, label, values, differs: differ(values) };
  });
  if (groups.some((g) => g.runs.length > 1)) {
    const seeds = groups.map((g) => String(g.runs.length));
    rows.splice(1, 0, { key: 'runs', label: 'Seeds (runs)', values: seeds, differs: differ(seeds) });
  }
  return rows;
}

function labelFor(row: CompareRow, groups: readonly RunGroup[]): string {
  if (!groups.some((g) => g.runs.length > 1)) return row.label;
  if (row.key === 'gap') return 'Train − test gap (of means)';
  if (row.key === 'durationMs' || row.key === 'costEvaluations') return `${row.label} (mean)`;
  if (GROUP_METRICS.some((m) => m.key === row.key)) return `${row.label} (mean ± sd)`;
  return row.label;
}

function statusOf(g: RunGroup): string {
  const counts = new Map<string, number>();
  for (const r of g.runs) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
}

function meanOf(g: RunGroup, key: GroupMetricKey): number | null {
  const v = metricValues(g, key);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
}

function meanOfRuns(g: RunGroup, get: (r: RunDetail) => number | null): number | null {
  const v = g.runs.map(get).filter((x): x is number => x !== null);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
}

/** The metric the verdict compares by default: test accuracy when every group has it, else validation, else training. */
export function defaultVerdictMetric(groups: readonly RunGroup[]): GroupMetricKey {
  for (const key of ['testAccuracy', 'validationAccuracy'] as const) {
    if (groups.every((g) => metricValues(g, key).length > 0)) return key;
  }
  return 'trainAccuracy';
}
