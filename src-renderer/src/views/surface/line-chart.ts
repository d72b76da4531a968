/**
 * chart.js configurations of J along a line Θ(α) = (1 − α)·Θ_A + α·Θ_B: training J (solid) and the
 * unregularized validation J (dashed) against α, the endpoints α = 0 and α = 1 marked; for two runs
 * the line as it is and after matching hidden units, drawn together so the barrier that vanished shows.
 */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { LandscapeLineJson } from '../../../../src-main/api/table';
import { readableTicks, seriesColor } from '../../lib/chart';
import { formatCost, formatNumber } from '../../lib/format';

type Points = { x: number; y: number }[];
/** A line chart of (α, J) points. */
export type LineConfiguration = ChartConfiguration<'line', Points>;

const points = (alphas: readonly number[], ys: readonly number[]): Points => alphas.map((x, i) => ({ x, y: ys[i] }));

function dataset(label: string, data: Points, color: string, dashed = false): ChartDataset<'line', Points> {
  return {
    label,
    data,
    borderColor: color,
    backgroundColor: color,
    borderWidth: 2,
    borderDash: dashed ? [6, 4] : undefined,
    pointRadius: 0,
    pointHoverRadius: 4,
    tension: 0,
  };
}

function config(datasets: ChartDataset<'line', Points>[], formula: string, xTitle: string): LineConfiguration {
  return {
    type: 'line',
    data: { datasets },
    options: {
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: {
          type: 'linear',
          title: { display: true, text: xTitle },
          ticks: { callback: (v) => formatNumber(Number(v), 3) },
        },
        y: { type: 'linear', title: { display: true, text: 'J' }, ticks: readableTicks() },
      },
      plugins: {
        legend: { position: 'bottom', labels: { boxHeight: 2 } },
        tooltip: {
          callbacks: {
            title: (items) => `α = ${formatNumber(items[0]?.parsed.x ?? 0, 3)}: Θ(α) = ${formula}`,
            label: (item) => `${item.dataset.label}: ${formatCost(item.parsed.y)}`,
          },
        },
      },
    },
  } as LineConfiguration;
}

/** J from Θ₀ (α = 0) to the run's final Θ* (α = 1), and beyond where the range extends. */
export function initialLineConfig(line: LandscapeLineJson): LineConfiguration {
  const sets = [dataset(`training J (λ = ${line.lambda})`, points(line.alphas, line.cost), seriesColor(0))];
  if (line.validationCost)
    sets.push(dataset('validation J (no λ term)', points(line.alphas, line.validationCost), seriesColor(1), true));
  return config(sets, '(1 − α)·Θ₀ + α·Θ*', 'α   (0: Θ₀, the start · 1: Θ*, where training ended)');
}

/** J between two runs' minima, before and (when asked) after matching B's hidden units to A's. */
export function pairLineConfig(line: LandscapeLineJson): LineConfiguration {
  const sets = [dataset('training J, units as trained', points(line.alphas, line.cost), seriesColor(5))];
  if (line.alignedCost)
    sets.push(dataset('training J, units of B matched to A', points(line.alphas, line.alignedCost), seriesColor(2)));
  if (line.validationCost)
    sets.push(dataset('validation J, as trained', points(line.alphas, line.validationCost), seriesColor(5), true));
  if (line.alignedValidationCost)
    sets.push(
      dataset('validation J, units matched', points(line.alphas, line.alignedValidationCost), seriesColor(2), true),
    );
  return config(
    sets,
    `(1 − α)·Θ*(#${line.runId}) + α·Θ*(#${line.toRunId})`,
    `α   (0: run #${line.runId}'s minimum · 1: run #${line.toRunId}'s)`,
  );
}

/** The highest point of a curve over α ∈ [0, 1]: where the barrier is measured. */
export function peak(alphas: readonly number[], cost: readonly number[]): { alpha: number; cost: number } | null {
  let best: { alpha: number; cost: number } | null = null;
  alphas.forEach((a, i) => {
    if (a >= 0 && a <= 1 && (best === null || cost[i] > best.cost)) best = { alpha: a, cost: cost[i] };
  });
  return best;
}
