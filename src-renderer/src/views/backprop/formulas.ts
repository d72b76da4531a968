/**
 * The Backprop view's formulas, one per number or pixel, with the values filled in. Every weight is
 * named by weightName (Ng's Θ(l), 1-based, bias in column 1, rows and columns in words), so a hover
 * here, the hidden-unit panel, gradient checking and the CLI all say "Θ(2)[class 7, unit 5]".
 * Hidden units keep the course's subscripts (δ(2)₅ is unit 5); outputs are written by class, since
 * "δ(3)₈" for class 7 is exactly the off-by-one that confuses.
 */
import {
  unitName,
  weightName,
  type Contribution,
  type DeltaCheckJson,
  type LayerNames,
  type ModelChoice,
} from '../../../../src-main/api/table';
import { num, sub } from '../../lib/heat';

/** What the formulas need of an explained example (a BackpropView has all of it). */
export interface FormulaView {
  sizes: readonly number[];
  a: readonly (readonly number[])[];
  delta: readonly (readonly number[])[];
  grad: readonly (readonly (readonly number[])[])[];
  label: number;
  cost: number;
  /** The cost and hidden activation (Ng's when absent). */
  model?: ModelChoice;
  /** δ checked node by node, when computed. */
  deltaCheck?: DeltaCheckJson;
}

/** The one-line claim of the node-by-node check: the largest relative difference and where. */
export function deltaCheckLine(names: LayerNames, check: DeltaCheckJson, threshold = 1e-7): string {
  const { relativeDifference, layer, unit } = check.largest;
  const leftOut = check.kinks + check.roundedToZero;
  return (
    `δ checked node by node: each unit’s δ against (C(z + e) − C(z − e))/2e, e = ${check.e.toExponential(0)}, over ${check.units} units; ` +
    `largest relative difference ${relativeDifference.toExponential(1)} at ${unitSymbol(names, 'δ', layer, unit)} ` +
    `(${relativeDifference <= threshold ? 'agrees' : 'DISAGREES'}: ≤ ${threshold} expected)` +
    (leftOut > 0 ? `; ${leftOut} left out (ReLU kink or δ rounded to 0)` : '')
  );
}

/** The check of one unit (layer 2 = first hidden), for its hover: the measured slope beside δ. */
export function unitCheckFormula(names: LayerNames, v: FormulaView, layer: number, j: number): string {
  const c = v.deltaCheck;
  if (!c) return '';
  const numeric = c.numeric[layer - 2][j];
  const r = c.relativeDifference[layer - 2][j];
  return `\nchecked: (C(z + e) − C(z − e))/2e = ${num(numeric)}, relative difference ${r.toExponential(1)}`;
}

/** g′(z) of a hidden unit written for the run's activation, with its value. */
export function slopeFormula(v: FormulaView, layer: number, j: number, a: number, s: number): string {
  const g = `g′(z(${layer})${sub(j + 1)})`;
  switch (v.model?.activation ?? 'sigmoid') {
    case 'tanh':
      return `${g} = 1 − a² = 1 − ${num(a)}² = ${num(s)}`;
    case 'relu':
      return `${g} = ${s > 0 ? '1, since z > 0' : '0, since z ≤ 0: the unit is off and passes no blame'}`;
    default:
      return `${g} = a·(1 − a) = ${num(a)} · ${num(1 - a)} = ${num(s)}`;
  }
}

/**
 * What the Backprop view marks on a hidden unit that blame barely reaches, for the run's activation:
 * the sigmoid's and tanh's "sat" (g′ below `slope`, 0.02: 2 % of tanh's largest slope) or ReLU's
 * "dead" (z ≤ 0, g′ = 0: none passes). `isMarked` decides a unit from its z and g′.
 */
export function saturationMark(
  v: Pick<FormulaView, 'model'>,
  slope: number,
): { badge: string; title: string; count: (n: number) => string; isMarked: (z: number, g: number) => boolean } {
  if (v.model?.activation === 'relu') {
    return {
      badge: 'dead',
      title: 'dead: z ≤ 0, so g′(z) = 0 and no blame passes',
      count: (n) => `${n} dead (z ≤ 0, g′ = 0)`,
      isMarked: (z) => z <= 0,
    };
  }
  return {
    badge: 'sat',
    title: `saturated: g′(z) < ${slope}`,
    count: (n) => `${n} saturated (g′ < ${slope})`,
    isMarked: (_z, g) => g < slope,
  };
}

/** "δ(2)₅" for hidden unit 5, "δ(3)[class 7]" for an output: a per-unit quantity by its layer and unit. */
export function unitSymbol(names: LayerNames, symbol: string, layer: number, j: number): string {
  if (layer === names.sizes.length) return `${symbol}(${layer})[${unitName(names, layer, j)}]`;
  return `${symbol}(${layer})${sub(j + 1)}`;
}

/**
 * (Θ(l)ᵀδ(l+1))ⱼ written out as its sum: the largest terms Θ(l)[·, unit j]·δ(l+1) with their values,
 * the rest added up, and the total.
 */
export function backFormula(
  names: LayerNames,
  layer: number,
  j: number,
  terms: readonly Contribution[],
  total: number,
): string {
  const above = names.sizes[layer];
  const shown = terms.map(
    (c) =>
      `${weightName(names, layer, c.unit, j + 1)}·${unitSymbol(names, 'δ', layer + 1, c.unit)} = ${num(c.weight)}·${num(c.delta)} = ${num(c.product)}`,
  );
  const rest = total - terms.reduce((s, c) => s + c.product, 0);
  const more = above - terms.length;
  return [
    `(Θ(${layer})ᵀδ(${layer + 1}))${sub(j + 1)} = Σ over the ${above} units above of Θ(${layer})[·, unit ${j + 1}]·δ(${layer + 1})`,
    ...shown.map((t) => `  ${t}`),
    ...(more > 0 ? [`  + the other ${more} term${more === 1 ? '' : 's'} together: ${num(rest)}`] : []),
    `  = ${num(total)}`,
  ].join('\n');
}

/**
 * This example's cost J = Σₖ −yₖ·log hₖ − (1 − yₖ)·log(1 − hₖ): the label's term −log h, the largest
 * other terms −log(1 − hₖ), the rest added up, and J.
 */
export function costFormula(names: LayerNames, v: FormulaView, top = 2): string {
  if (v.model?.cost === 'quadratic') return quadraticCostFormula(names, v, top);
  const L = v.sizes.length;
  const h = v.a[L - 1];
  const terms = Array.from(h, (hk, k) => ({ k, value: k === v.label ? -Math.log(hk) : -Math.log(1 - hk) }));
  const own = terms[v.label];
  const others = terms.filter((t) => t.k !== v.label).sort((p, q) => q.value - p.value);
  const shown = others.slice(0, top);
  const rest = others.slice(top).reduce((s, t) => s + t.value, 0);
  const cls = (k: number) => unitName(names, L, k);
  return [
    `this example’s cost J = Σₖ −yₖ·log hₖ − (1 − yₖ)·log(1 − hₖ)  (y = 1 for ${cls(v.label)}, 0 elsewhere)`,
    `  −log h[${cls(v.label)}] = −log ${num(h[v.label])} = ${num(own.value)}`,
    ...shown.map((t) => `  −log(1 − h[${cls(t.k)}]) = −log ${num(1 - h[t.k])} = ${num(t.value)}`),
    ...(others.length > top
      ? [
          `  + the other ${others.length - top} ${others.length - top === 1 ? 'class' : 'classes'} together: ${num(rest)}`,
        ]
      : []),
    `  = ${num(v.cost)}`,
  ].join('\n');
}

/** The quadratic cost J = Σₖ ½(hₖ − yₖ)² of this example: the label's term, the largest others, J. */
function quadraticCostFormula(names: LayerNames, v: FormulaView, top: number): string {
  const L = v.sizes.length;
  const h = v.a[L - 1];
  const cls = (k: number) => unitName(names, L, k);
  const y = (k: number) => (k === v.label ? 1 : 0);
  const terms = Array.from(h, (hk, k) => ({ k, value: 0.5 * (hk - y(k)) ** 2 }));
  const others = terms.filter((t) => t.k !== v.label).sort((p, q) => q.value - p.value);
  const shown = [terms[v.label], ...others.slice(0, top)];
  const rest = others.slice(top).reduce((s, t) => s + t.value, 0);
  return [
    `this example’s cost J = Σₖ ½(hₖ − yₖ)²  (y = 1 for ${cls(v.label)}, 0 elsewhere)`,
    ...shown.map((t) => `  ½(h[${cls(t.k)}] − ${y(t.k)})² = ½(${num(h[t.k])} − ${y(t.k)})² = ${num(t.value)}`),
    ...(others.length > top ? [`  + the other ${others.length - top} together: ${num(rest)}`] : []),
    `  = ${num(v.cost)}`,
  ].join('\n');
}

/** a(L) for class k: how sure the network is. */
export function outputFormula(names: LayerNames, v: FormulaView, k: number): string {
  const L = v.sizes.length;
  return `${unitSymbol(names, 'a', L, k)} = h(x) = ${num(v.a[L - 1][k])}: how sure the network is that this is ${unitName(names, L, k)}`;
}

/**
 * δ(L) for class k: a(L) − y for cross-entropy (the sigmoid's g′ cancels), (a − y)·a(1 − a) for the
 * quadratic cost (it does not).
 */
export function outputDeltaFormula(names: LayerNames, v: FormulaView, k: number): string {
  const L = v.sizes.length;
  const y = k === v.label ? 1 : 0;
  const a = v.a[L - 1][k];
  const d = `${unitSymbol(names, 'δ', L, k)} = `;
  const check = unitCheckFormula(names, v, L, k);
  if (v.model?.cost === 'quadratic') {
    return `${d}(${unitSymbol(names, 'a', L, k)} − y)·a(1 − a) = (${num(a)} − ${y})·${num(a)}·${num(1 - a)} = ${num(v.delta[L - 2][k])}${check}`;
  }
  return `${d}${unitSymbol(names, 'a', L, k)} − y = ${num(a)} − ${y} = ${num(v.delta[L - 2][k])}${check}`;
}

/** One input value a(1)ᵢ = xᵢ, with the pixel's row and column or the feature's name. */
export function inputFormula(names: LayerNames, v: FormulaView, i: number, width: number): string {
  const where = names.image ? `, row ${Math.floor(i / width) + 1}, column ${(i % width) + 1}` : '';
  return `a(1)${sub(i + 1)} = x${sub(i + 1)} = ${num(v.a[0][i])}  (${unitName(names, 1, i)}${where})`;
}

/** One entry of this example's ∂J/∂Θ(l) = δ(l+1)·[1; a(l)]ᵀ: row `row`, column `col` (0 = bias). */
export function gradientFormula(names: LayerNames, v: FormulaView, layer: number, row: number, col: number): string {
  const a = col === 0 ? 1 : v.a[layer - 1][col - 1];
  const carried = col === 0 ? '1 (bias)' : unitSymbol(names, 'a', layer, col - 1);
  return `∂J/∂${weightName(names, layer, row, col)} = ${unitSymbol(names, 'δ', layer + 1, row)} · ${carried} = ${num(v.delta[layer - 1][row])} · ${num(a)} = ${num(v.grad[layer - 1][row][col])}`;
}
