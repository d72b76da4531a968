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

type Activation = HiddenUnitJson['activation'];
/** The histogram's unit and span; a unit from before the choice of activation is the sigmoid's over [0, 1]. */
type HistogramOf = Pick<HiddenUnitJson, 'histogram' | 'm'> &
  Partial<Pick<HiddenUnitJson, 'activation' | 'histogramRange'>>;

/** Labels of the activation histogram's bins over [lo, hi]: "0.00–0.05", …, "0.95–1.00" for [0, 1]. */
export function binLabels(bins: number, [lo, hi]: readonly [number, number] = [0, 1]): string[] {
  const at = (b: number) => (lo + ((hi - lo) * b) / bins).toFixed(2).replace('-', '−');
  return Array.from({ length: bins }, (_, b) => `${at(b)}–${at(b + 1)}`);
}

/**
 * g′ written in a, for the units whose saturation is a slope below 0.02 (the server's isSaturated):
 * the sigmoid's a(1 − a), tanh's 1 − a². A ReLU unit is dead at a = 0 instead, which no bin wholly is.
 */
const SLOPE: Partial<Record<Activation, (a: number) => number>> = {
  sigmoid: (a) => a * (1 - a),
  tanh: (a) => 1 - a * a,
};
const MIDDLE: Partial<Record<Activation, number>> = { sigmoid: 0.5, tanh: 0 };

/**
 * The histogram of a(l)ⱼ over the training set as a bar chart over the unit's histogramRange, bins
 * saturated throughout shaded (both ends with g′ < 0.02, on one side of g's middle); ticks every tenth.
 */
export function histogramConfig(u: HistogramOf): ChartConfiguration<'bar'> {
  const B = u.histogram.length;
  const activation = u.activation ?? 'sigmoid';
  const [lo, hi] = u.histogramRange ?? [0, 1];
  const slope = SLOPE[activation];
  const middle = MIDDLE[activation] ?? 0;
  const edge = (b: number) => lo + ((hi - lo) * b) / B;
  const saturatedBin = (b: number) =>
    slope !== undefined &&
    slope(edge(b)) < 0.02 &&
    slope(edge(b + 1)) < 0.02 &&
    (edge(b + 1) <= middle || edge(b) >= middle);
  return {
    type: 'bar',
    data: {
      labels: binLabels(B, [lo, hi]),
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
            callback: (_, b) => (((b as number) * 10) % B === 0 ? edge(b as number).toFixed(1) : ''),
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

/**
 * What the panel calls saturation for the unit's activation, in its own terms: the word, the rule and
 * what its two sides are (a ReLU unit has one: dead, with g′ = 0).
 */
export function saturationWords(u: Partial<Pick<HiddenUnitJson, 'activation'>> & Pick<HiddenUnitJson, 'saturated'>): {
  term: string;
  rule: string;
  sides: string;
  legend: string;
} {
  const { off, on } = u.saturated;
  const count = (n: number) => n.toLocaleString('en-US');
  if (u.activation === 'relu') {
    return {
      term: 'dead',
      rule: 'Dead: z ≤ 0, so a = 0 and g′(z) = 0: backprop hands this unit no blame at all for those examples',
      sides: `${count(off)} examples`,
      legend: 'the first bar holds the dead examples, a = 0',
    };
  }
  const tanh = u.activation === 'tanh';
  return {
    term: 'saturated',
    rule: `Saturated: g′(z) = ${tanh ? '1 − a²' : 'a(1 − a)'} < 0.02, so backprop hands this unit almost no blame for those examples`,
    sides: tanh ? `${count(off)} near −1, ${count(on)} near 1` : `${count(off)} nearly off, ${count(on)} nearly on`,
    legend: 'orange: saturated',
  };
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
