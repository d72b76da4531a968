/**
 * Compare's groups of seeds: runs whose every setting but the seed of Θ₀ is equal form one group,
 * shown as a mean cost curve in a min–max band, metrics as mean ± sd over n seeds, and one sentence
 * per pair of groups saying whether their difference is larger than the seed-to-seed spread
 * (Welch's t-test). Pure functions, so the grouping and the wording are tested without a browser.
 */
import { summarize, type CostHistory, type RunDetail, type SampleSummary } from '../../../src-main/api/table';
import type { ChartSeries } from './chart';
import { hyperparameterRows } from './compare';

/** Runs trained with the same settings, differing only in their seed. */
export interface RunGroup {
  /** The settings they share (seed left out), as one comparable string. */
  readonly key: string;
  /** In ascending seed order. */
  readonly runs: readonly RunDetail[];
}

/**
 * The runs grouped by all their settings (hyperparameters and data) except the seed, groups in the
 * order their first run appears; within a group by seed.
 */
export function groupBySeed(runs: readonly RunDetail[]): RunGroup[] {
  const groups = new Map<string, RunDetail[]>();
  for (const r of runs) {
    const key = settingsKey(r);
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  return [...groups].map(([key, list]) => ({
    key,
    runs: [...list].sort((a, b) => a.hyperparameters.seed - b.hyperparameters.seed || a.id - b.id),
  }));
}

/** Everything a run was trained with but its seed, with keys sorted so equal settings give equal strings. */
export function settingsKey(r: RunDetail): string {
  const { seed: _seed, ...rest } = r.hyperparameters;
  void _seed;
  return stableJson({ hyperparameters: rest, dataset: r.dataset });
}

/** JSON with object keys sorted, so equal settings give equal strings whatever order they were written in. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${stableJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * A name for each group from the settings that tell the groups apart ("λ = 0", "λ = 3, Iterations = 400"),
 * or the first run's name for a group of one and when nothing but data files differ.
 */
export function groupLabels(groups: readonly RunGroup[]): string[] {
  const firsts = groups.map((g) => g.runs[0]);
  const differing = hyperparameterRows(firsts).filter((row) => row.differs && row.key !== 'seed');
  return groups.map((g, k) => {
    if (differing.length === 0 || differing.length > 3) {
      return g.runs.length === 1
        ? g.runs[0].name
        : `${g.runs[0].name.replace(/\s*·\s*seed \d+$/, '')} (group ${k + 1})`;
    }
    return differing.map((row) => `${row.label} = ${row.values[k]}`).join(', ');
  });
}

/** The seeds of a group for people: "1–5" when consecutive, else "1, 4, 9". */
export function seedList(group: RunGroup): string {
  const seeds = group.runs.map((r) => r.hyperparameters.seed);
  const consecutive = seeds.length > 2 && seeds.every((s, i) => i === 0 || s === seeds[i - 1] + 1);
  return consecutive ? `${seeds[0]}–${seeds[seeds.length - 1]}` : seeds.join(', ');
}

// ── cost curves ─────────────────────────────────────────────────────────────────────────────────

/**
 * At each x any curve has, the mean, min and max of the curves' y there and n, how many curves have
 * it (x ascending); [] without curves. A run that stopped early (converged, cancelled) leaves the
 * band where it stopped, and the others carry it on as far as they went, with n saying over how many.
 */
export function meanBand(curves: readonly (readonly { x: number; y: number }[])[]): {
  x: number;
  mean: number;
  min: number;
  max: number;
  n: number;
}[] {
  if (curves.length === 0) return [];
  const at = new Map<number, number[]>();
  for (const curve of curves) {
    for (const p of curve) {
      const list = at.get(p.x);
      if (list) list.push(p.y);
      else at.set(p.x, [p.y]);
    }
  }
  return [...at]
    .sort(([a], [b]) => a - b)
    .map(([x, ys]) => {
      let sum = 0;
      for (const y of ys) sum += y;
      return { x, mean: sum / ys.length, min: Math.min(...ys), max: Math.max(...ys), n: ys.length };
    });
}

/** Where a run's curve ends before its group's longest: its seed, its last iteration and why it ended there. */
export interface CurveEnd {
  readonly seed: number;
  readonly lastIteration: number;
  /** 'converged': finished before its iteration budget (the optimizer found no further step). */
  readonly why: 'converged' | 'cancelled' | 'failed' | 'running' | 'stopped';
}

/**
 * The runs of a group whose cost curve stops before the group's longest, earliest first: from each
 * one's last iteration on, the group's mean and band are over one run fewer.
 */
export function curveEnds(group: RunGroup, histories: readonly CostHistory[]): CurveEnd[] {
  const lasts = group.runs.map((r) => {
    const h = histories.find((x) => x.runId === r.id);
    return h && h.iteration.length ? h.iteration[h.iteration.length - 1] : null;
  });
  const longest = Math.max(...lasts.map((l) => l ?? -Infinity));
  return group.runs
    .flatMap((r, k) => {
      const last = lasts[k];
      if (last === null || last >= longest) return [];
      const why: CurveEnd['why'] =
        r.status === 'finished'
          ? last < r.hyperparameters.iterations
            ? 'converged'
            : 'stopped'
          : r.status === 'cancelled' || r.status === 'failed' || r.status === 'running'
            ? r.status
            : 'stopped';
      return [{ seed: r.hyperparameters.seed, lastIteration: last, why }];
    })
    .sort((a, b) => a.lastIteration - b.lastIteration);
}

/**
 * The sentence under a grouped chart saying where a group's band thins: "λ = 0: seed 3 converged at
 * iteration 188, so after it the mean and band are over 2 of 3 seeds." null when every run reaches the end.
 */
export function curveEndsNote(label: string, group: RunGroup, histories: readonly CostHistory[]): string | null {
  const ends = curveEnds(group, histories);
  if (ends.length === 0) return null;
  const total = group.runs.length;
  const words = {
    converged: 'converged',
    cancelled: 'was cancelled',
    failed: 'failed',
    running: 'is',
    stopped: 'stopped',
  };
  const parts = ends.map(
    (e, k) =>
      `seed ${e.seed} ${words[e.why]} at iteration ${e.lastIteration}, so after it the mean and band are over ` +
      `${total - k - 1} of ${total} seeds`,
  );
  return `${label}: ${parts.join('; ')}.`;
}

/**
 * A group's training J as chart series: for a group of one, its curve; otherwise the min and max
 * (a filled band, no legend entry) and the mean line over its seeds.
 */
export function groupCostSeries(
  group: RunGroup,
  histories: readonly CostHistory[],
  label: string,
  color: string,
): ChartSeries[] {
  const curves = group.runs.map((r) => {
    const h = histories.find((x) => x.runId === r.id);
    return h ? h.iteration.map((x, i) => ({ x, y: h.cost[i] })) : [];
  });
  if (group.runs.length === 1) return [{ id: group.runs[0].id, label, color, points: curves[0] }];
  const band = meanBand(curves.filter((c) => c.length > 0));
  const id = `group-${group.runs[0].id}`;
  return [
    { id: `${id}-min`, label: `${label} · min`, color, points: band.map((p) => ({ x: p.x, y: p.min })), band: true },
    {
      id: `${id}-max`,
      label: `${label} · max`,
      color,
      points: band.map((p) => ({ x: p.x, y: p.max })),
      band: true,
      fillToPrevious: true,
    },
    {
      id: `${id}-mean`,
      label: `${label} · mean of ${group.runs.length} seeds`,
      color,
      points: band.map((p) => ({ x: p.x, y: p.mean })),
      counts: band.map((p) => p.n),
    },
  ];
}

/** A group's validation J at the snapshots, averaged over its seeds (dashed); null when no run has one. */
export function groupValidationSeries(group: RunGroup, label: string, color: string): ChartSeries | null {
  const curves = group.runs.map((r) =>
    r.snapshots.flatMap((s) => (s.validationCost === null ? [] : [{ x: s.iteration, y: s.validationCost }])),
  );
  if (curves.every((c) => c.length === 0)) return null;
  const points = meanBand(curves).map((p) => ({ x: p.x, y: p.mean }));
  if (points.length === 0) return null;
  const id = group.runs.length === 1 ? String(group.runs[0].id) : `group-${group.runs[0].id}`;
  return { id: `${id}-validation`, label, color, points, dashed: true };
}

// ── metrics ─────────────────────────────────────────────────────────────────────────────────────

export type GroupMetricKey = 'trainAccuracy' | 'validationAccuracy' | 'testAccuracy' | 'finalCost';

/** The metrics a group is summarized by, in table order; accuracies are fractions shown in percent. */
export const GROUP_METRICS: readonly { key: GroupMetricKey; label: string; percent: boolean }[] = [
  { key: 'trainAccuracy', label: 'Training accuracy', percent: true },
  { key: 'validationAccuracy', label: 'Validation accuracy', percent: true },
  { key: 'testAccuracy', label: 'Test accuracy', percent: true },
  { key: 'finalCost', label: 'Final J(Θ)', percent: false },
];

/** One metric's values over a group's finished runs (those that have it). */
export function metricValues(group: RunGroup, key: GroupMetricKey): number[] {
  return group.runs.flatMap((r) => {
    const v = r.metrics?.[key];
    return typeof v === 'number' && Number.isFinite(v) ? [v] : [];
  });
}

/** n, mean, sd, min and max of one metric over a group; null when no run has it yet. */
export function groupSummary(group: RunGroup, key: GroupMetricKey): SampleSummary | null {
  const values = metricValues(group, key);
  return values.length ? summarize(values) : null;
}

/**
 * Decimals that show the smallest spread to one significant digit, two when it starts with a 1
 * (0.6 → 1 decimal, 0.04 → 2, 1.4 → 1, 0.012 → 3), as a measured value is usually quoted; at least
 * `least`, at most 6. `scale` is 100 for fractions shown in percent.
 */
export function decimalsFor(spreads: readonly (number | null)[], least: number, scale = 1): number {
  const positive = spreads.filter((s): s is number => s !== null && s > 0).map((s) => s * scale);
  if (positive.length === 0) return least;
  const smallest = Math.min(...positive);
  const magnitude = Math.floor(Math.log10(smallest));
  const leadsWithOne = smallest / 10 ** magnitude < 1.95;
  return Math.min(6, Math.max(least, -magnitude + (leadsWithOne ? 1 : 0)));
}

/** "87.1 ± 0.6 %" (percent) or "0.346 ± 0.012"; a single run's value alone, since its sd is not defined. */
export function formatMeanSd(s: SampleSummary, percent: boolean, decimals: number): string {
  const scale = percent ? 100 : 1;
  const unit = percent ? ' %' : '';
  const mean = (s.mean * scale).toFixed(decimals);
  return s.sd === null ? `${mean}${unit}` : `${mean} ± ${(s.sd * scale).toFixed(decimals)}${unit}`;
}

/** A metric's summary as its table cell: "87.1 ± 0.6 % (n = 5)", "—" without values. */
export function summaryCell(s: SampleSummary | null, percent: boolean, decimals: number): string {
  if (!s) return '—';
  return s.n === 1 ? formatMeanSd(s, percent, decimals) : `${formatMeanSd(s, percent, decimals)} (n = ${s.n})`;
}
