/**
 * chart.js configurations of the Training health panel: per-layer lines over iterations (norms and
 * ‖ΔΘ‖/‖Θ‖ on log axes, saturated fraction on a linear one) and TensorBoard-like percentile bands.
 * One run: a colour per layer. Several runs (Compare): a colour per run, a dash pattern per layer.
 */
import type { ChartConfiguration } from 'chart.js';
import type { LayerHealth, RunHealth } from '../../../src-main/api/table';
import { readableTicks, seriesColor } from './chart';

export type HealthScalar = 'gradientNorm' | 'biasGradientNorm' | 'updateRatio' | 'saturatedFraction';
export type HealthBands = 'weights' | 'activations' | 'deltas';

/** ‖ΔΘ‖/‖Θ‖ per step that practitioners aim near for SGD (Karpathy's rule of thumb): much lower learns slowly. */
export const UPDATE_RATIO_GUIDE = 1e-3;

const DASHES = [[], [6, 3], [2, 2], [10, 3, 2, 3], [4, 4], [1, 3], [8, 2], [3, 6]];

export interface HealthRun {
  id: number;
  name: string;
  health: RunHealth['health'];
}

/** The layer numbers of the runs (2 = first hidden), in order, each once. */
export function healthLayers(runs: HealthRun[]): number[] {
  const set = new Set<number>();
  for (const r of runs) for (const h of r.health) for (const l of h.layers) set.add(l.layer);
  return [...set].sort((a, b) => a - b);
}

function layerName(layer: number, last: number): string {
  return layer === last ? `layer ${layer} (output)` : `layer ${layer}`;
}

/** Lines of one per-layer number against iteration; zeros and nulls are left out of a log axis. */
export function scalarChart(runs: HealthRun[], key: HealthScalar, log: boolean): ChartConfiguration<'line'> {
  const layers = healthLayers(runs);
  const last = layers[layers.length - 1];
  const several = runs.length > 1;
  const datasets: ChartConfiguration<'line'>['data']['datasets'] = [];
  runs.forEach((run, r) =>
    layers.forEach((layer, i) => {
      const color = several ? seriesColor(r) : seriesColor(i);
      const data = run.health.flatMap((h) => {
        const v = h.layers.find((l) => l.layer === layer)?.[key];
        return v === undefined || v === null || (log && !(v > 0)) ? [] : [{ x: h.iteration, y: v }];
      });
      datasets.push({
        label: several ? `${run.name} · ${layerName(layer, last)}` : layerName(layer, last),
        data,
        borderColor: color,
        backgroundColor: color,
        borderDash: several ? DASHES[i % DASHES.length] : [],
        borderWidth: 1.5,
        pointRadius: 1.5,
        tension: 0,
      });
    }),
  );
  if (key === 'updateRatio') {
    const xs = runs.flatMap((r) => r.health.map((h) => h.iteration));
    if (xs.length) {
      datasets.push({
        label: '10⁻³ guide (SGD)',
        data: [
          { x: Math.min(...xs), y: UPDATE_RATIO_GUIDE },
          { x: Math.max(...xs), y: UPDATE_RATIO_GUIDE },
        ],
        borderColor: '#868e96',
        borderDash: [4, 4],
        borderWidth: 1,
        pointRadius: 0,
      });
    }
  }
  return {
    type: 'line',
    data: { datasets },
    options: {
      parsing: false,
      scales: {
        x: { type: 'linear', title: { display: true, text: 'iteration' } },
        y: {
          type: log ? 'logarithmic' : 'linear',
          ...(key === 'saturatedFraction' ? { min: 0, max: 1 } : {}),
          ticks: readableTicks(log),
        },
      },
      plugins: {
        legend: { display: true, labels: { boxWidth: 14, font: { size: 10 } } },
      },
    },
  };
}

/**
 * TensorBoard's distributions: the percentile bands of one layer's weights, activations or δ over
 * iterations, shaded from the outermost (min–max) to the innermost, with the median as a line.
 */
export function bandsChart(run: HealthRun, layer: number, key: HealthBands): ChartConfiguration<'line'> {
  const rows = run.health.flatMap((h) => {
    const l: LayerHealth | undefined = h.layers.find((x) => x.layer === layer);
    return l ? [{ x: h.iteration, bands: l[key] }] : [];
  });
  const color = '#3b5bdb';
  const n = rows[0]?.bands.length ?? 0;
  const mid = Math.floor(n / 2);
  // Lower edge i is filled up to its upper edge n−1−i: datasets go lower, upper, lower, upper, … so
  // each upper edge fills to the one before it ('-1').
  const datasets: ChartConfiguration<'line'>['data']['datasets'] = [];
  for (let i = 0; i < mid; i++) {
    const edge = (k: number) => rows.map((r) => ({ x: r.x, y: r.bands[k] }));
    datasets.push({ label: `band ${i} low`, data: edge(i), borderWidth: 0, pointRadius: 0, fill: false });
    datasets.push({
      label: `band ${i} high`,
      data: edge(n - 1 - i),
      borderWidth: 0,
      pointRadius: 0,
      fill: '-1',
      backgroundColor: `${color}${['1a', '26', '33', '40'][i] ?? '40'}`,
    });
  }
  datasets.push({
    label: 'median',
    data: rows.map((r) => ({ x: r.x, y: r.bands[mid] })),
    borderColor: color,
    borderWidth: 1.5,
    pointRadius: 0,
    fill: false,
  });
  return {
    type: 'line',
    data: { datasets },
    options: {
      parsing: false,
      scales: { x: { type: 'linear', title: { display: true, text: 'iteration' } }, y: { ticks: readableTicks() } },
      plugins: {
        legend: { display: false },
        tooltip: { enabled: false },
      },
    },
  };
}
