/**
 * chart.js configurations of the sweep lessons, built from sweeps.get read-outs by pure functions so
 * what is plotted (which x, which y, where the best λ is marked) is tested without a browser.
 * Errors are plotted in percent (1 − accuracy). A point trained from several seeds is their mean,
 * with an error bar of ± 1 sample standard deviation over the seeds (said in the legend).
 */
import type { ChartConfiguration } from 'chart.js';
import type { CurvePoint } from '../../../../src-main/api/table';
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

/** A point's error ± 1 sd in percent, as one vertical bar with caps; `cap` gives the caps' ends at x. */
type Cap = (x: number) => [number, number];

/**
 * Error bars (± 1 sd over seeds, percent, clipped at 0) of the points that have an sd, as line segments
 * separated by NaN gaps, so one dataset draws them all.
 */
export function errorBars(
  points: readonly CurvePoint[],
  xs: readonly number[],
  which: 'train' | 'validation',
  cap: Cap,
): { x: number; y: number }[] {
  const gap = { x: NaN, y: NaN };
  return points.flatMap((p, i) => {
    const mean = which === 'train' ? p.trainError : p.validationError;
    const sd = which === 'train' ? p.trainErrorSd : p.validationErrorSd;
    if (mean === null || sd === null) return [];
    const lo = Math.max(0, (mean - sd) * 100);
    const hi = (mean + sd) * 100;
    const x = xs[i];
    const [left, right] = cap(x);
    return [
      { x, y: lo },
      { x, y: hi },
      gap,
      { x: left, y: lo },
      { x: right, y: lo },
      gap,
      { x: left, y: hi },
      { x: right, y: hi },
      gap,
    ];
  });
}

/** The most seeds behind any point (1 when every point is a single run). */
export function seedsPerPoint(points: readonly CurvePoint[]): number {
  return Math.max(1, ...points.map((p) => p.runs));
}

/** The two error curves (mean over seeds when there are several) and, with several seeds, their ± 1 sd bars. */
function errorDatasets(points: readonly CurvePoint[], xs: readonly number[], cap: Cap) {
  const { train, validation } = curveSeries(points, xs);
  const n = seedsPerPoint(points);
  const suffix = n > 1 ? `, mean of ${n} seeds` : '';
  const lines = [
    line(`Training error${suffix}`, train, TRAIN),
    line(`Validation error${suffix}`, validation, VALIDATION),
  ];
  if (n === 1) return lines;
  return [
    ...lines,
    bars(errorBars(points, xs, 'train', cap), TRAIN),
    bars(errorBars(points, xs, 'validation', cap), VALIDATION),
  ];
}

/** Legend filter: the two error-bar datasets share one entry, the first's. */
function barOnce(item: { text: string; datasetIndex?: number }, data: { datasets: { label?: string }[] }): boolean {
  return item.text !== BAR_LABEL || data.datasets.findIndex((d) => d.label === BAR_LABEL) === item.datasetIndex;
}

/** How an error bar reads in legends: one sample standard deviation over the seeds, either side of the mean. */
export const BAR_LABEL = 'bars: ± 1 sd over seeds';

function bars(data: { x: number; y: number }[], color: string) {
  return {
    label: BAR_LABEL,
    data,
    borderColor: color,
    backgroundColor: color,
    borderWidth: 1.5,
    pointRadius: 0,
    spanGaps: false,
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
  const bestIndex = best ? points.findIndex((p) => p.x === best.x) : -1;
  const labelAt = new Map(xs.map((x, i) => [x, lambdaLabel(points[i].x)]));
  return {
    type: 'line',
    data: {
      datasets: [
        ...errorDatasets(points, xs, (x) => [x - 0.08, x + 0.08]),
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
        legend: { position: 'bottom', labels: { filter: barOnce } },
        tooltip: { callbacks: { title: (items) => `λ = ${labelAt.get(items[0]?.parsed.x ?? NaN) ?? ''}` } },
      },
    },
  };
}

/** The learning curve: training and validation error against the training-set size m (log axis). */
export function learningCurveConfig(points: readonly CurvePoint[]): ChartConfiguration<'line'> {
  const datasets = errorDatasets(
    points,
    points.map((p) => p.x),
    (x) => [x * 0.93, x / 0.93],
  );
  return {
    type: 'line',
    data: { datasets },
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
      plugins: { legend: { position: 'bottom', labels: { filter: barOnce } } },
    },
  };
}

function line(label: string, data: { x: number; y: number }[], color: string) {
  return { label, data, borderColor: color, backgroundColor: color, borderWidth: 2, pointRadius: 4, tension: 0 };
}
