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
);

export { Chart };

/** Eight colours distinct for common colour blindness (Okabe–Ito, black swapped for indigo). */
export const SERIES_COLORS = ['#3b5bdb', '#e69f00', '#009e73', '#cc79a7', '#0072b2', '#d55e00', '#56b4e9', '#7a6f00'];

/** The colour of the k-th series, repeating after eight. */
export function seriesColor(k: number): string {
  return SERIES_COLORS[((k % SERIES_COLORS.length) + SERIES_COLORS.length) % SERIES_COLORS.length];
}

/** One cost curve: points appended in place while a run trains (the chart reads the same array). */
export interface ChartSeries {
  id: number;
  label: string;
  color: string;
  points: { x: number; y: number }[];
}

/** A stored cost curve as chart points (none while it has not arrived). */
export function historyPoints(h: CostHistory | null | undefined): ChartSeries['points'] {
  return h ? h.iteration.map((x, i) => ({ x, y: h.cost[i] })) : [];
}
