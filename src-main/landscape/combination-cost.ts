/**
 * J(Θ) forward only, for Θ that are linear combinations of a few fixed vectors: Θ(α) = (1 − α)·Θ_A + α·Θ_B
 * on a line, Θ* + x·d₁ + y·d₂ on a plane. The first layer's z(2) = [1 x]·Θ(1)ᵀ is linear in Θ(1), so it is
 * computed once per vector over the inputs (visiting only nonzero inputs: a digit is ~80 % zeros) and each
 * point only adds them up, then runs the small layers above. A 784-25-10 network's point costs ~30 times
 * less than a whole forward pass.
 *
 * The cross-entropy is taken as softplus(∓z) = −log h or −log(1 − h), the same value as Ng's formula where
 * h is not rounded to 0 or 1, and finite where it is (far along a line every unit can saturate). Its K terms
 * of one example share one log (see cost()).
 */
import type { Examples } from '../nn/cost';
import { regularizationCost } from '../nn/regularization';
import { parameterCount, thetaLayout, type LayerSizes, type ThetaBlock } from '../nn/shape';

/** J at Θ = Σₖ cₖ·vₖ for the vectors it was built with. */
export interface CombinationCost {
  /** The examples' m. */
  readonly m: number;
  /**
   * J(Σₖ coefficients[k]·vectors[k]): cross-entropy averaged over m, plus λ/(2m)·Σ Θ² (no bias), with the
   * λ it was built with unless `lambda` says otherwise. Vectors whose coefficient is 0 cost nothing.
   */
  cost(coefficients: readonly number[], lambda?: number): number;
  /** The combined Θ itself (a fresh array). */
  theta(coefficients: readonly number[]): Float64Array;
}

/**
 * Builds J over `examples` with `lambda` (0: no weight decay, as J_cv) for combinations of `vectors`
 * (each an unrolled Θ of a network with these `sizes`, at least one hidden layer or none).
 */
export function combinationCost(
  sizes: LayerSizes,
  examples: Examples,
  lambda: number,
  vectors: readonly Float64Array[],
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
  const first = layout[0];
  const z1 = vectors.map((v) => firstLayerZ(examples, v, first));
  const units1 = first.rows;

  const combine = (c: readonly number[]): Float64Array => {
    if (c.length !== vectors.length) {
      throw new Error(`combination cost: ${c.length} coefficients for ${vectors.length} vectors`);
    }
    const theta = new Float64Array(count);
    for (let k = 0; k < vectors.length; k++) {
      const v = vectors[k];
      const ck = c[k];
      if (ck === 0) continue;
      for (let i = 0; i < count; i++) theta[i] += ck * v[i];
    }
    return theta;
  };

  // Scratch for one example's activations, per layer above the first.
  const widest = Math.max(...sizes);
  const a = new Float64Array(widest);
  const next = new Float64Array(widest);
  const z = new Float64Array(units1);

  return {
    m,
    theta: combine,
    cost(c, lambdaHere = lambda) {
      const theta = combine(c);
      const K = sizes[sizes.length - 1];
      let J = 0;
      for (let i = 0; i < m; i++) {
        // z(2) of example i as the combination of the precomputed parts.
        const base = i * units1;
        z.fill(0);
        for (let k = 0; k < z1.length; k++) {
          const ck = c[k];
          if (ck === 0) continue;
          const zk = z1[k];
          for (let j = 0; j < units1; j++) z[j] += ck * zk[base + j];
        }
        let width = units1;
        if (layout.length === 1) {
          // No hidden layer: z(2) is already the output (logistic regression).
          for (let j = 0; j < K; j++) a[j] = z[j];
        } else {
          for (let j = 0; j < units1; j++) a[j] = 1 / (1 + Math.exp(-z[j]));
          for (let l = 1; l < layout.length; l++) {
            const { rows, cols, offset } = layout[l];
            const last = l === layout.length - 1;
            for (let r = 0; r < rows; r++) {
              const row = offset + r * cols;
              let s = theta[row];
              for (let j = 0; j < width; j++) s += theta[row + 1 + j] * a[j];
              next[r] = last ? s : 1 / (1 + Math.exp(-s));
            }
            width = rows;
            a.set(next.subarray(0, rows));
          }
        }
        // Σₖ softplus(tₖ) with tₖ = ∓z: Σₖ max(tₖ, 0) + log Πₖ (1 + e^(−|tₖ|)). Each factor is in (1, 2], so
        // the product over the lab's ≤ 100 classes stays below 2¹⁰⁰, and one log per example replaces K
        // (log1p's extra precision for tiny e^(−|t|) is far below 1e-12 of J).
        const label = y[i];
        let linear = 0;
        let product = 1;
        for (let k = 0; k < K; k++) {
          const t = k === label ? -a[k] : a[k];
          if (t > 0) linear += t;
          product *= 1 + Math.exp(-Math.abs(t));
        }
        J += linear + Math.log(product);
      }
      return J / m + regularizationCost(theta, layout, lambdaHere, m);
    },
  };
}

/** z(2) = [1 x]·Θ(1)ᵀ of every example (m × units, row-major), skipping zero inputs. */
function firstLayerZ(examples: Examples, theta: Float64Array, block: ThetaBlock): Float64Array {
  const { X, m, n } = examples;
  const { rows, cols, offset } = block;
  // Θ(1) transposed (input p's weights to every unit side by side), so the inner loop is contiguous.
  const wt = new Float64Array(n * rows);
  for (let r = 0; r < rows; r++) {
    for (let p = 0; p < n; p++) wt[p * rows + r] = theta[offset + r * cols + 1 + p];
  }
  const z = new Float64Array(m * rows);
  for (let i = 0; i < m; i++) {
    const out = i * rows;
    for (let r = 0; r < rows; r++) z[out + r] = theta[offset + r * cols];
    const row = i * n;
    for (let p = 0; p < n; p++) {
      const x = X[row + p];
      if (x === 0) continue;
      const w = p * rows;
      for (let r = 0; r < rows; r++) z[out + r] += x * wt[w + r];
    }
  }
  return z;
}
