/**
 * Colours of the Backprop view's pictures: inputs in grey (0 black, 1 white, as MNIST draws ink light
 * on dark), signed numbers (gradients, δ) in blue for negative and red for positive, white at 0,
 * scaled by the largest |value| shown together so sizes compare across pictures.
 */

/** RGB of a signed value v relative to `scale` = the largest |value|: −scale blue, 0 white, +scale red. */
export function divergingColor(v: number, scale: number): [number, number, number] {
  const t = scale > 0 ? Math.max(-1, Math.min(1, v / scale)) : 0;
  const [r, g, b] = t < 0 ? [59, 91, 219] : [196, 40, 60];
  const s = Math.abs(t);
  return [Math.round(255 + (r - 255) * s), Math.round(255 + (g - 255) * s), Math.round(255 + (b - 255) * s)];
}

/** RGB of an input value in [0, 1]: 0 black, 1 white (values outside are clamped). */
export function greyColor(v: number): [number, number, number] {
  const g = Math.round(Math.max(0, Math.min(1, v)) * 255);
  return [g, g, g];
}

/** The largest |value|, 0 for none. */
export function maxAbs(values: Iterable<number>): number {
  let m = 0;
  for (const v of values) if (Math.abs(v) > m) m = Math.abs(v);
  return m;
}

/** A number as the formulas show it: 4 significant digits, exponent form for the very small or large. */
export function num(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e5) return v.toExponential(2);
  return v
    .toPrecision(4)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
}

/** A unit number as subscript digits, as the course writes δ(2)₇. */
export function sub(n: number): string {
  return String(n).replace(/\d/g, (d) => String.fromCharCode(0x2080 + Number(d)));
}

/** A number for a table cell: 3 significant digits, exponent form below 0.001. */
export function short(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e4) return v.toExponential(1);
  return v.toPrecision(3);
}
