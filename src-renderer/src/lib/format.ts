/**
 * How numbers are shown. Students compare them with Ng's (J = 0.287629 at the given Θ, ~95.3%
 * training accuracy), so costs keep six decimals and accuracies two, never a rounded "95%".
 */

/**
 * J(Θ) with six decimals, or as "5.7 × 10⁻⁹" when it is tiny (an overfit network's cost), which six
 * decimals would show as 0.000000.
 */
export function formatCost(cost: number | null | undefined): string {
  if (cost === null || cost === undefined) return '—';
  if (!Number.isFinite(cost)) return formatNumber(cost);
  if (cost !== 0 && Math.abs(cost) < 1e-3) return formatScientific(cost, 2);
  return cost.toFixed(6);
}

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** NaN, ∞ and −∞ as a person writes them; null for a finite number. */
function nonFinite(x: number): string | null {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '−∞';
  return null;
}

/** A true minus sign (U+2212), which lines up with + and reads as one, instead of a hyphen. */
function minus(text: string): string {
  return text.replace(/^-/, '−');
}

/**
 * A number in powers of ten as printed in a textbook, to `significant` digits: 5.6659e-9 →
 * "5.7 × 10⁻⁹", 1e-8 → "10⁻⁸", −0.00025 → "−2.5 × 10⁻⁴"; 0 → "0".
 */
export function formatScientific(x: number, significant = 2): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  if (x === 0) return '0';
  // toExponential rounds the mantissa and carries into the exponent (9.96e-9 → "1.0e-8").
  const [mantissa, exponent] = Math.abs(x)
    .toExponential(Math.max(0, significant - 1))
    .split('e');
  const digits = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
  const power = `10${[...String(Number(exponent))].map((c) => SUPERSCRIPT[c]).join('')}`;
  const text = Number(exponent) === 0 ? digits : digits === '1' ? power : `${digits} × ${power}`;
  return x < 0 ? `−${text}` : text;
}

/**
 * A number for people, to about `significant` digits: 0.25 → "0.25", 12345 → "12,345" (whole digits
 * are never dropped), −0.5 → "−0.5"; below 0.001 or from a million on in powers of ten (1e-8 → "10⁻⁸").
 */
export function formatNumber(x: number, significant = 3): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a < 1e-3 || a >= 1e6) return formatScientific(x, significant);
  const whole = a >= 1 ? Math.floor(Math.log10(a)) + 1 : 0;
  return minus(x.toLocaleString('en-US', { maximumSignificantDigits: Math.max(significant, whole, 1) }));
}

/**
 * The label of one tick of a linear axis, given every tick's value: `significant` digits (4 by
 * default), or more until neighbouring ticks read differently — a cost curve's first frame spans
 * 6.8583…6.8592, and "6.859, 6.859, 6.858" tells the reader nothing.
 */
export function formatLinearTick(value: number, all: readonly number[], significant = 4): string {
  for (let digits = significant; digits < 12; digits++) {
    const labels = all.map((v) => formatNumber(v, digits));
    if (labels.every((label, i) => i === 0 || label !== labels[i - 1])) return formatNumber(value, digits);
  }
  return formatNumber(value, 12);
}

/**
 * The label of one tick of a logarithmic axis, given every tick's value (chart.js puts ticks at
 * 1…9 × 10ᵏ). When the axis spans two or more powers of ten only those are labelled ("10⁻⁸", "0.01",
 * "1", "100"); on a shorter axis 1, 2 and 5 × 10ᵏ are, so it never goes unlabelled. Others get ''.
 */
export function formatLogTick(value: number, all: readonly number[]): string {
  const mantissa = (v: number) => Number((v / 10 ** Math.floor(Math.log10(v) + 1e-9)).toPrecision(6));
  const powers = all.filter((v) => v > 0 && mantissa(v) === 1).length;
  if (!(value > 0)) return '';
  const m = mantissa(value);
  const shown = powers >= 2 ? m === 1 : m === 1 || m === 2 || m === 5;
  if (!shown) return '';
  return value >= 1e-3 && value < 1e6 ? formatNumber(value, 1) : formatScientific(value, 1);
}

/** A fraction in [0, 1] as a percentage with two decimals: 0.9532 → "95.32%". */
export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  return `${(fraction * 100).toFixed(2)}%`;
}

/**
 * Train − test accuracy in percentage points: the overfitting gap λ is meant to close.
 * 0.99 − 0.91 → "+8.00 pp"; "—" when either is missing.
 */
export function formatGap(train: number | null | undefined, test: number | null | undefined): string {
  if (train === null || train === undefined || test === null || test === undefined) return '—';
  const pp = (train - test) * 100;
  const rounded = Math.abs(pp) < 0.005 ? 0 : pp;
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : '±'}${Math.abs(rounded).toFixed(2)} pp`;
}

/** A duration for people: "850 ms", "12.4 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const totalSeconds = Math.round(s);
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) return `${minutes} min ${String(totalSeconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/**
 * Time left if the remaining iterations go as fast as the done ones: elapsed · (total − done) / done.
 * null before the first iteration (nothing to extrapolate from).
 */
export function estimateRemainingMs(elapsedMs: number, done: number, total: number): number | null {
  if (!(done > 0) || !(total > 0) || !Number.isFinite(elapsedMs) || elapsedMs < 0) return null;
  if (done >= total) return 0;
  return (elapsedMs * (total - done)) / done;
}

/** A whole number with thousands separators: 10000 → "10,000". */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return n.toLocaleString('en-US');
}

/** A moment as "2025-03-04 14:05" in local time, sortable by eye. */
export function formatTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The same moment for a narrow column: "03-04 14:05" within `now`'s year, else "2024-03-04". */
export function formatShortTime(ms: number | null | undefined, now = Date.now()): string {
  if (ms === null || ms === undefined) return '—';
  const full = formatTime(ms);
  return new Date(ms).getFullYear() === new Date(now).getFullYear() ? full.slice(5) : full.slice(0, 10);
}

/** Layer sizes as Ng draws them: input 784, hidden [25], output 10 → "784 → 25 → 10". */
export function formatLayers(hidden: readonly number[], input?: number, output = 10): string {
  return [...(input ? [input] : []), ...hidden, output].join(' → ');
}

/** A file size for people: "812 B", "84 KB", "3.4 MB" (powers of 1,024, as file managers show them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
