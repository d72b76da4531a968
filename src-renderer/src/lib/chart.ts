/**
 * chart.js with only the parts the lab's charts use (tree-shaken): lines for cost and error curves,
 * bars for the ten output units and times, scatter for strips of points. One palette, so a run keeps
 * its colour across the live view, the detail and comparisons.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
} from 'chart.js';
import type { CostHistory } from '../../../src-main/api/table';
import { formatLinearTick, formatLogTick } from './format';

Chart.register(
  LineController,
  LineElement,
  PointElement,
  LinearScale,
  LogarithmicScale,
  Tooltip,
  Legend,
  BarController,
  BarElement,
  CategoryScale,
  ScatterController,
  Filler,
);

export { Chart };

/** The labels a chart shows on an axis (unlabelled ticks left out), "0|0.25|…", for tests and tools to read. */
export function shownTickLabels(chart: Pick<Chart, 'scales'>, axis = 'y'): string {
  const ticks = chart.scales[axis]?.ticks ?? [];
  return ticks
    .map((t) => (Array.isArray(t.label) ? t.label.join(' ') : String(t.label ?? '')))
    .filter((label) => label !== '')
    .join('|');
}

/**
 * Tick labels for people on a value axis: "0.25" rather than chart.js's rounded "0.3", and on a
 * logarithmic axis "10⁻⁸" at the powers of ten rather than "0.000000010" at every tick.
 */
export function readableTicks(log = false): {
  callback: (value: number | string, index: number, ticks: { value: number }[]) => string;
} {
  return {
    callback: (value, _index, ticks) =>
      log
        ? formatLogTick(
            Number(value),
            ticks.map((t) => t.value),
          )
        : formatLinearTick(
            Number(value),
            ticks.map((t) => t.value),
          ),
  };
}

/** Eight colours distinct for common colour blindness (Okabe–Ito, black swapped for indigo). */
export const SERIES_COLORS = ['#3b5bdb', '#e69f00', '#009e73', '#cc79a7', '#0072b2', '#d55e00', '#56b4e9', '#7a6f00'];

/** The colour of the k-th series, repeating after eight. */
export function seriesColor(k: number): string {
  return SERIES_COLORS[((k % SERIES_COLORS.length) + SERIES_COLORS.length) % SERIES_COLORS.length];
}

/** One cost curve: points appended in place while a run trains (the chart reads the same array). */
export interface ChartSeries {
  /** A run id, or a string for a second curve of the same run (its validation cost). */
  id: number | string;
  label: string;
  color: string;
  points: { x: number; y: number }[];
  /** Drawn dashed with a dot per point: the validation cost, measured only at snapshots. */
  dashed?: boolean;
  /** Index of a point drawn larger: where the validation cost is lowest. */
  highlight?: number | null;
  /** An edge of a spread band (min or max over seeds): no line, no legend entry. */
  band?: boolean;
  /** Fills the area between this series and the one before it (the band's max after its min). */
  fillToPrevious?: boolean;
  /** For a mean over seeds: how many runs each point averages (a dot where it drops, n in the tooltip). */
  counts?: number[];
}

/** A snapshot's iteration and its validation cost J_cv (null when the run had no validation set). */
export interface ValidationPoint {
  iteration: number;
  validationCost: number | null;
}

/** The validation cost J_cv at each snapshot that has one, as chart points. */
export function validationPoints(snapshots: readonly ValidationPoint[]): ChartSeries['points'] {
  return snapshots.flatMap((s) => (s.validationCost === null ? [] : [{ x: s.iteration, y: s.validationCost }]));
}

/**
 * Where J_cv is lowest, and whether it rose afterwards: `rise` is how much higher the last point is than
 * the lowest (0 when the lowest is the last). null for fewer than two points.
 */
export function validationTurn(
  points: readonly { x: number; y: number }[],
): { index: number; iteration: number; lowest: number; last: number; rise: number } | null {
  if (points.length < 2) return null;
  let index = 0;
  points.forEach((p, i) => {
    if (p.y < points[index].y) index = i;
  });
  const last = points[points.length - 1].y;
  return { index, iteration: points[index].x, lowest: points[index].y, last, rise: last - points[index].y };
}

/** A run's validation-cost curve beside its training curve: same colour, dashed, lowest point marked. */
export function validationSeries(
  id: number,
  label: string,
  color: string,
  snapshots: readonly ValidationPoint[],
): ChartSeries | null {
  const points = validationPoints(snapshots);
  if (points.length === 0) return null;
  return { id: `${id}-validation`, label, color, points, dashed: true, highlight: validationTurn(points)?.index };
}

/** A stored cost curve as chart points (none while it has not arrived). */
export function historyPoints(h: CostHistory | null | undefined): ChartSeries['points'] {
  return h ? h.iteration.map((x, i) => ({ x, y: h.cost[i] })) : [];
}
