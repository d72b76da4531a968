/**
 * chart.js configurations of the sweep lessons, built from sweeps.get read-outs by pure functions so
 * what is plotted (which x, which y, where the best λ is marked) is tested without a browser.
 * Errors are plotted in percent (1 − accuracy).
 */
import type { ChartConfiguration } from 'chart.js';
import type { CurvePoint, Spread } from '../../../../src-main/lessons/sweeps';
import { asPercent, lambdaPositions } from './sweep-view';

const TRAIN = '#3b5bdb';
const VALIDATION = '#e69f00';
const BEST = '#2f7d4f';

/** x/y pairs of a curve's training and validation errors (percent); runs without validation leave gaps. */
export function curveSeries(points: readonly CurvePoint[], xs: readonly number[]) {
  return {
    train: points.map((p, i) => ({ x: xs[i], y: asPercent(p.trainError)! })),
    validation: points.flatMap((p, i) =>
      p.validationError === null ? [] : [{ x: xs[i], y: asPercent(p.validationError)! }],
    ),
  };
}

/** The label of a λ on the validation curve's axis: "0", "0.003", "10". */
export function lambdaLabel(lambda: number): string {
  return String(lambda);
}

/**
 * The validation curve: training and validation error against λ on the log-ish axis of
 * lambdaPositions (ticks only at the λ values swept, labelled with them), the best λ ringed.
 */
export function validationCurveConfig(
  points: readonly CurvePoint[],
  best: CurvePoint | null,
): ChartConfiguration<'line'> {
  const xs = lambdaPositions(points.map((p) => p.x));
  const { train, validation } = curveSeries(points, xs);
  const bestIndex = best ? points.findIndex((p) => p.x === best.x) : -1;
  const labelAt = new Map(xs.map((x, i) => [x, lambdaLabel(points[i].x)]));
  return {
    type: 'line',
    data: {
      datasets: [
        line('Training error', train, TRAIN),
        line('Validation error', validation, VALIDATION),
        ...(bestIndex >= 0 && best!.validationError !== null
          ? [
              {
                label: `Best λ = ${lambdaLabel(best!.x)}`,
                data: [{ x: xs[bestIndex], y: asPercent(best!.validationError)! }],
                borderColor: BEST,
                backgroundColor: 'rgba(47,125,79,0.15)',
                pointRadius: 11,
                pointHoverRadius: 12,
                pointBorderWidth: 2.5,
                showLine: false,
              },
            ]
          : []),
      ],
    },
    options: {
      scales: {
        x: {
          type: 'linear',
          min: xs.length ? Math.min(...xs) - 0.3 : undefined,
          max: xs.length ? Math.max(...xs) + 0.3 : undefined,
          title: { display: true, text: 'λ (log scale; 0 at the left)' },
          afterBuildTicks: (axis) => {
            axis.ticks = xs.map((value) => ({ value }));
          },
          ticks: { callback: (value) => labelAt.get(Number(value)) ?? '' },
        },
        y: { min: 0, title: { display: true, text: 'error (%)' } },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: { callbacks: { title: (items) => `λ = ${labelAt.get(items[0]?.parsed.x ?? NaN) ?? ''}` } },
      },
    },
  };
}

/** The learning curve: training and validation error against the training-set size m (log axis). */
export function learningCurveConfig(points: readonly CurvePoint[]): ChartConfiguration<'line'> {
  const { train, validation } = curveSeries(
    points,
    points.map((p) => p.x),
  );
  return {
    type: 'line',
    data: { datasets: [line('Training error', train, TRAIN), line('Validation error', validation, VALIDATION)] },
    options: {
      scales: {
        x: {
          type: 'logarithmic',
          title: { display: true, text: 'training examples m (log scale)' },
          afterBuildTicks: (axis) => {
            axis.ticks = points.map((p) => ({ value: p.x }));
          },
          ticks: { callback: (value) => Number(value).toLocaleString('en-US') },
        },
        y: { min: 0, title: { display: true, text: 'error (%)' } },
      },
      plugins: { legend: { position: 'bottom' } },
    },
  };
}

/** One seed's results, as the strip chart plots them. */
export interface SeedResult {
  seed: number;
  finalCost: number;
  trainAccuracy: number;
  validationAccuracy: number | null;
  testAccuracy: number | null;
}

export const SEED_CATEGORIES = ['training', 'validation', 'test'] as const;

/**
 * The seeds strip chart: every run's accuracy (percent) on each set as one dot, the sets side by side
 * and each seed nudged sideways by a fixed offset so equal results stay visible; the mean of each
 * set as a short bar.
 */
export function seedStripConfig(
  results: readonly SeedResult[],
  spreads: readonly (Spread | null)[],
): ChartConfiguration<'scatter'> {
  const n = results.length;
  const nudge = (k: number) => (n <= 1 ? 0 : -0.18 + (0.36 * k) / (n - 1));
  const value = (r: SeedResult, c: number) =>
    c === 0 ? r.trainAccuracy : c === 1 ? r.validationAccuracy : r.testAccuracy;
  const dots = SEED_CATEGORIES.map((_, c) =>
    results.flatMap((r, k) => {
      const v = value(r, c);
      return v === null ? [] : [{ x: c + nudge(k), y: v * 100 }];
    }),
  );
  const means = spreads.flatMap((s, c) =>
    s && s.count > 0
      ? [
          { x: c - 0.3, y: s.mean * 100 },
          { x: c + 0.3, y: s.mean * 100 },
          { x: NaN, y: NaN },
        ]
      : [],
  );
  const colors = [TRAIN, VALIDATION, BEST];
  return {
    type: 'scatter',
    data: {
      datasets: [
        ...SEED_CATEGORIES.map((name, c) => ({
          label: `${name} accuracy`,
          data: dots[c],
          backgroundColor: colors[c],
          borderColor: colors[c],
          pointRadius: 5,
        })),
        {
          label: 'mean',
          data: means,
          showLine: true,
          borderColor: '#1d2330',
          borderWidth: 2,
          pointRadius: 0,
          spanGaps: false,
        },
      ],
    },
    options: {
      scales: {
        x: {
          type: 'linear',
          min: -0.5,
          max: 2.5,
          afterBuildTicks: (axis) => {
            axis.ticks = [0, 1, 2].map((value) => ({ value }));
          },
          ticks: { callback: (v) => SEED_CATEGORIES[Number(v)] ?? '' },
          grid: { display: false },
        },
        y: { title: { display: true, text: 'accuracy (%)' } },
      },
      plugins: { legend: { display: false } },
    },
  };
}

function line(label: string, data: { x: number; y: number }[], color: string) {
  return { label, data, borderColor: color, backgroundColor: color, borderWidth: 2, pointRadius: 4, tension: 0 };
}
