/**
 * What the hidden-unit view plots and writes, from a runs.hiddenUnit answer, as pure functions so the
 * numbers shown are tested without a browser: the activation histogram, bars of weights (out to the
 * classes or next units, in from features or previous units), and the words around them.
 */
import type { ChartConfiguration } from 'chart.js';
import type { HiddenUnitJson } from '../../../src-main/api/table';

const POSITIVE = '#3b5bdb';
const NEGATIVE = '#d55e00';
const HISTOGRAM = '#7a8699';

/** A weight with its sign always written, to 3 decimals: "+0.412", "−0.061". */
export function signed(w: number): string {
  const text = Math.abs(w).toFixed(3);
  return w < 0 && Number(text) !== 0 ? `−${text}` : `+${text}`;
}

/** Labels of the activation histogram's bins: "0.00–0.05", …, "0.95–1.00". */
export function binLabels(bins: number): string[] {
  return Array.from({ length: bins }, (_, b) => `${(b / bins).toFixed(2)}–${((b + 1) / bins).toFixed(2)}`);
}

/** The histogram of a(l)ⱼ over the training set as a bar chart, saturated bins (a(1 − a) < 0.02 throughout) shaded; ticks at 0, 0.2, …, 1. */
export function histogramConfig(u: Pick<HiddenUnitJson, 'histogram' | 'm'>): ChartConfiguration<'bar'> {
  const B = u.histogram.length;
  const saturatedBin = (b: number) => (b + 1) / B <= 0.0204 || b / B >= 0.9796;
  return {
    type: 'bar',
    data: {
      labels: binLabels(B),
      datasets: [
        {
          label: 'Training examples',
          data: [...u.histogram],
          backgroundColor: u.histogram.map((_, b) => (saturatedBin(b) ? NEGATIVE : HISTOGRAM)),
          barPercentage: 1,
          categoryPercentage: 0.96,
        },
      ],
    },
    options: {
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (c) => `${c.parsed.y} of ${u.m} examples (a in ${c.label})` } },
      },
      scales: {
        x: {
          title: { display: true, text: 'activation a' },
          ticks: {
            autoSkip: false,
            maxRotation: 0,
            callback: (_, b) => (((b as number) * 10) % B === 0 ? ((b as number) / B).toFixed(1) : ''),
          },
        },
        y: { title: { display: true, text: 'examples' }, beginAtZero: true, ticks: { precision: 0 } },
      },
    },
  };
}

/** Bars of weights, one per label, blue when positive and orange when negative. */
export function weightBarsConfig(
  weights: readonly number[],
  labels: readonly string[],
  axis: string,
): ChartConfiguration<'bar'> {
  return {
    type: 'bar',
    data: {
      labels: [...labels],
      datasets: [
        {
          label: 'weight',
          data: [...weights],
          backgroundColor: weights.map((w) => (w < 0 ? NEGATIVE : POSITIVE)),
        },
      ],
    },
    options: {
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (c) => `weight ${signed(c.parsed.y ?? 0)}` } },
      },
      scales: {
        x: { title: { display: true, text: axis }, ticks: { autoSkip: true, maxRotation: 0 } },
        y: { title: { display: true, text: 'weight' }, beginAtZero: true },
      },
    },
  };
}

/**
 * Names of the units an outgoing weight goes to: the run's class names (0–9 for digits; numbered when
 * not given) for the output layer, the next layer's units counted from 1 otherwise.
 */
export function outgoingLabels(
  u: Pick<HiddenUnitJson, 'outgoing' | 'outgoingTo'>,
  classNames: readonly string[] | null = null,
): string[] {
  return u.outgoing.map((_, k) => (u.outgoingTo === 'classes' ? (classNames?.[k] ?? String(k)) : `${k + 1}`));
}

/** Names of what the incoming weights read: feature 1…n, or unit 1…s(l−1) of the previous layer. */
export function incomingLabels(u: Pick<HiddenUnitJson, 'incoming'>): string[] {
  return u.incoming.map((_, i) => String(i + 1));
}

/** "12.3% (615 of 5,000)" with 0 and 100% written plainly. */
export function saturationText(u: Pick<HiddenUnitJson, 'saturated' | 'm'>): string {
  const { count, fraction } = u.saturated;
  const pct = count === 0 ? '0%' : count === u.m ? '100%' : `${(100 * fraction).toFixed(1)}%`;
  return `${pct} (${count.toLocaleString('en-US')} of ${u.m.toLocaleString('en-US')})`;
}

/** The extremes of the weights, for the weight image's caption: the largest positive and most negative. */
export function weightRange(weights: readonly number[]): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (const w of weights) {
    if (w < min) min = w;
    if (w > max) max = w;
  }
  return { min, max };
}

/** The next unit when stepping with the arrow keys, wrapping around the layer (1…count). */
export function stepUnit(unit: number, count: number, delta: number): number {
  return ((((unit - 1 + delta) % count) + count) % count) + 1;
}
