/**
 * J(Θ) forward only, for Θ that are linear combinations of a few fixed vectors: Θ(α) = (1 − α)·Θ_A + α·Θ_B
 * on a line, Θ* + x·d₁ + y·d₂ on a plane. Two parts of J are linear or quadratic in the coefficients, so
 * they are computed once per set of vectors and each point only combines them:
 *  - the first layer's z(2) = [1 x]·Θ(1)ᵀ is linear in Θ(1): each vector's z(2) is computed once (one pass
 *    over the inputs for all vectors, visiting only nonzero inputs: a digit is ~80 % zeros), and a point's
 *    z(2) is their weighted sum, 2–3 multiply-adds per hidden unit instead of a 784-long dot product;
 *  - the weight decay's Σ Θ(1)² (no bias) is the quadratic form cᵀGc of the vectors' Gram matrix G.
 * Only the layers above the first (the activation, Θ(2)…, the cost) run at each point: for a 784-25-10
 * network ~35 e^x and ~300 multiply-adds per example, ~30 times less than a whole forward pass. With
 * several hidden layers only Θ(1) is linear; the layers above run in full at each point.
 *
 * Floating point: z(2) = Σₖ cₖ·(X·Θₖ(1)ᵀ) is the same real number as X·(Σₖ cₖ·Θₖ(1))ᵀ, but rounded in
 * another order, so J differs from a forward pass at the combined Θ in the last bits (tested below
 * 1e-12 relative, the issue asks 1e-9). Where one coefficient is 1 and the others 0 (a line's ends, a
 * plane's centre) z(2) is that vector's own product, and J there is the same bits whatever the other
 * vectors are.
 *
 * Points on a line or on a row of a grid are evenly spaced: Θ_t = Θ_0 + t·ΔΘ, so z(2)_t = z(2)_0 + t·Δz
 * and e^(−z_t) = e^(−z_(t−1))·e^(−Δz). `costs` computes such points together, one example at a time, and
 * takes a sigmoid hidden layer's e^(−z) by that product, recomputing it exactly every ANCHOR points (and
 * whenever it leaves the safe range), which keeps it within ~1e-14 relative of Math.exp: 25 of the 35 e^x
 * per example and point are gone, and between anchors z(2) itself is not even formed. tanh and ReLU
 * hidden units take z(2) at every point.
 *
 * The model (cost, hidden activation) is a parameter, Ng's by default; the quadratic cost is
 * 1/(2m)·Σ‖a(L) − y‖², the weight decay λ/(2m)·Σ Θ² (no bias) for both.
 * The cross-entropy is taken as softplus(∓z) = −log h or −log(1 − h), the same value as Ng's formula where
 * h is not rounded to 0 or 1, and finite where it is (far along a line every unit can saturate). Its K terms
 * of one example share one log (see cost()).
 */
import type { Examples } from '../nn/cost';
import { NG_MODEL, type HiddenActivation, type ModelChoice } from '../nn/model';
import { parameterCount, thetaLayout, type LayerSizes } from '../nn/shape';
import {
  activateInPlace,
  affine,
  firstLayerGram,
  firstLayerZ,
  quadraticSum,
  softplusSum,
  transposedUpperLayers,
  type TransposedLayer,
} from './combination-kernels';

/** J at Θ = Σₖ cₖ·vₖ for the vectors it was built with. */
export interface CombinationCost {
  /** The examples' m. */
  readonly m: number;
  /**
   * J(Σₖ coefficients[k]·vectors[k]): the model's cost averaged over m, plus λ/(2m)·Σ Θ² (no bias), with the
   * λ it was built with unless `lambda` says otherwise. Vectors whose coefficient is 0 cost nothing.
   */
  cost(coefficients: readonly number[], lambda?: number): number;
  /**
   * J at several points (each a list of coefficients) in one pass over the examples; evenly spaced points
   * (a line, a row of a grid) share their hidden units' e^(−z) by the product rule. Equal to cost() at
   * each point to ~1e-14 relative.
   */
  costs(points: readonly (readonly number[])[], lambda?: number): number[];
  /** The combined Θ itself (a fresh array). */
  theta(coefficients: readonly number[]): Float64Array;
}

/**
 * Evenly spaced points get e^(−z) exactly at every ANCHOR-th point (and at the vectors themselves) and by
 * one product in between.
 */
const ANCHOR = 16;
/** e^(−z) outside this range is recomputed exactly: a product there could overflow to ∞ or vanish to 0. */
const SAFE_LOW = 1e-280;
const SAFE_HIGH = 1e280;

/**
 * Builds J over `examples` with `lambda` (0: no weight decay, as J_cv) for combinations of `vectors`
 * (each an unrolled Θ of a network with these `sizes`, at least one hidden layer or none), for the
 * network's `model` (cost and hidden activation; Ng's by default).
 */
export function combinationCost(
  sizes: LayerSizes,
  examples: Examples,
  lambda: number,
  vectors: readonly Float64Array[],
  model: ModelChoice = NG_MODEL,
): CombinationCost {
  const layout = thetaLayout(sizes);
  const count = parameterCount(sizes);
  if (vectors.length === 0) throw new Error('combination cost: needs at least one Θ vector');
  vectors.forEach((v, k) => {
    if (v.length !== count) {
      throw new Error(`combination cost: vector ${k} has ${v.length} values, layers ${sizes.join('-')} need ${count}`);
    }
  });
  const { m, n, y } = examples;
  if (n !== sizes[0]) throw new Error(`combination cost: the examples have ${n} inputs, the network ${sizes[0]}`);
  if (m < 1) throw new Error('combination cost: needs at least 1 example');
  const V = vectors.length;
  const first = layout[0];
  const units1 = first.rows;
  const K = sizes[sizes.length - 1];
  // z(2) of every example for every vector: example i's block holds vector 0's units, then vector 1's, …
  const z1 = firstLayerZ(examples, vectors, first);
  const gram = firstLayerGram(vectors, first);
  const upper = layout.slice(1);
  const stride = V * units1;
  const widest = Math.max(...sizes);
  const { activation } = model;
  const sigmoidHidden = activation === 'sigmoid';
  const exampleCost = model.cost === 'cross-entropy' ? softplusSum : quadraticSum;
  const checked = (c: readonly number[]): readonly number[] => {
    if (c.length !== V) throw new Error(`combination cost: ${c.length} coefficients for ${V} vectors`);
    return c;
  };

  const costs = (points: readonly (readonly number[])[], lambdaHere = lambda): number[] => {
    points.forEach(checked);
    const P = points.length;
    const layersAt = points.map((c) => transposedUpperLayers(vectors, c, upper));
    const evenly = evenlySpacedPoints(points);
    // A point that is one of the vectors itself (a line's end, a plane's centre) takes e^(−z) exactly,
    // so J there is the same bits as that vector alone gives, wherever it falls among the points.
    const anchor = points.map((c, t) => t % ANCHOR === 0 || isOneVector(c));
    const J = new Float64Array(P);
    const z = new Float64Array(units1);
    const zNext = new Float64Array(units1);
    const decay = new Float64Array(units1); // e^(−z) at the current point, per hidden unit
    const ratio = new Float64Array(units1); // e^(−Δz) from one point to the next
    const buffers = [new Float64Array(widest), new Float64Array(widest)];
    for (let i = 0; i < m; i++) {
      const base = i * stride;
      for (let t = 0; t < P; t++) {
        const c = points[t];
        let out: Float64Array = z;
        const layers = layersAt[t];
        if (layers.length === 0) {
          combineZ(z1, base, units1, c, z);
        } else {
          const a = buffers[0];
          if (sigmoidHidden && evenly && !anchor[t]) {
            // Between anchors only e^(−z) is carried on: z(2) is formed for a unit only if it left the range.
            for (let j = 0; j < units1; j++) {
              let e = decay[j] * ratio[j];
              if (!(e > SAFE_LOW && e < SAFE_HIGH)) e = Math.exp(-unitZ(z1, base, units1, c, j));
              decay[j] = e;
              a[j] = 1 / (1 + e);
            }
          } else if (sigmoidHidden) {
            combineZ(z1, base, units1, c, z);
            for (let j = 0; j < units1; j++) {
              const e = Math.exp(-z[j]);
              decay[j] = e;
              a[j] = 1 / (1 + e);
            }
            if (evenly && t + 1 < P) {
              combineZ(z1, base, units1, points[t + 1], zNext);
              for (let j = 0; j < units1; j++) ratio[j] = Math.exp(z[j] - zNext[j]);
            }
          } else {
            combineZ(z1, base, units1, c, a);
            activateInPlace(a, units1, activation);
          }
          out = forwardAbove(a, units1, layers, buffers, activation);
        }
        J[t] += exampleCost(out, K, y[i]);
      }
    }
    return points.map((c, t) => {
      if (lambdaHere === 0) return J[t] / m;
      // Σ Θ(1)² = cᵀGc; the layers above from the combined Θ itself.
      let squares = 0;
      for (let k = 0; k < V; k++) {
        for (let q = 0; q < V; q++) squares += c[k] * c[q] * gram[k * V + q];
      }
      for (const { weights } of layersAt[t]) for (const w of weights) squares += w * w;
      return J[t] / m + (lambdaHere / (2 * m)) * squares;
    });
  };

  return {
    m,
    theta(coefficients) {
      const c = checked(coefficients);
      const theta = new Float64Array(count);
      for (let k = 0; k < V; k++) {
        const ck = c[k];
        if (ck === 0) continue;
        for (let i = 0; i < count; i++) theta[i] += ck * vectors[k][i];
      }
      return theta;
    },
    cost: (c, lambdaHere = lambda) => costs([c], lambdaHere)[0],
    costs,
  };
}

/** z(2) of the example whose parts start at z1[base]: Σₖ c[k]·part k, in vector order, zero c skipped. */
function combineZ(z1: Float64Array, base: number, units: number, c: readonly number[], z: Float64Array): void {
  let started = false;
  for (let k = 0; k < c.length; k++) {
    const ck = c[k];
    if (ck === 0) continue;
    const part = base + k * units;
    if (started) {
      for (let j = 0; j < units; j++) z[j] += ck * z1[part + j];
    } else {
      // 0 + x = x: the first part is assigned rather than added to zeros.
      for (let j = 0; j < units; j++) z[j] = ck * z1[part + j];
      started = true;
    }
  }
  if (!started) z.fill(0);
}

/** True when c is one vector itself: one coefficient exactly 1, the others 0. */
function isOneVector(c: readonly number[]): boolean {
  return c.filter((v) => v === 1).length === 1 && c.every((v) => v === 1 || v === 0);
}

/** Unit j's z(2) alone, the same sum in the same order as combineZ forms it. */
function unitZ(z1: Float64Array, base: number, units: number, c: readonly number[], j: number): number {
  let s = 0;
  let started = false;
  for (let k = 0; k < c.length; k++) {
    const ck = c[k];
    if (ck === 0) continue;
    const v = ck * z1[base + k * units + j];
    s = started ? s + v : v;
    started = true;
  }
  return s;
}

/**
 * The output layer's z from the first hidden layer's a (in buffers[0]): each layer above, the hidden
 * activation between them. Returns one of the two buffers.
 */
function forwardAbove(
  a1: Float64Array,
  units1: number,
  layers: readonly TransposedLayer[],
  buffers: Float64Array[],
  activation: HiddenActivation,
): Float64Array {
  let a = a1;
  let next = a1 === buffers[0] ? buffers[1] : buffers[0];
  let width = units1;
  for (let l = 0; l < layers.length; l++) {
    const { rows, bias, weights } = layers[l];
    affine(a, width, bias, weights, rows, next);
    if (l < layers.length - 1) activateInPlace(next, rows, activation);
    const swap = a;
    a = next;
    next = swap;
    width = rows;
  }
  return a;
}

/**
 * True when the points are evenly spaced, c_t = c_0 + t·(c_1 − c_0) for every t, to a few units in the
 * last place of the largest coefficient (as evenlySpaced and 1 − α produce them): then z(2) is too.
 */
function evenlySpacedPoints(points: readonly (readonly number[])[]): boolean {
  if (points.length < 3) return false;
  const [c0, c1] = points;
  let scale = 0;
  for (const c of points) for (const v of c) scale = Math.max(scale, Math.abs(v));
  const tolerance = 8 * Number.EPSILON * scale;
  return points.every((c, t) => c.every((v, k) => Math.abs(v - (c0[k] + t * (c1[k] - c0[k]))) <= tolerance));
}
