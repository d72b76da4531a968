/**
 * Initial weights. All-zero Θ makes every hidden unit of a layer compute the same function forever
 * (they receive identical δ and identical updates), so Ng breaks the symmetry by drawing each
 * weight uniformly from [−ε, ε]. 'zeros' is kept so a learner can watch the symmetry problem happen.
 */
import { seededRandom } from './random';
import { parameterCount, thetaLayout, type LayerSizes } from './shape';

/** ex4's ε_init: small enough that sigmoid units start in their steep, fast-learning middle. */
export const DEFAULT_EPSILON = 0.12;

export interface InitOptions {
  /** 'uniform': each weight from U[−ε, ε]; 'zeros': every weight 0 (seed and ε are ignored). */
  readonly init: 'uniform' | 'zeros';
  /**
   * ε of the uniform draw; 'per-layer' for Glorot's ε(l) = √6 / √(s(l) + s(l+1)) (sigmoid, tanh); 'he'
   * for He's ε(l) = √6 / √s(l) (ReLU). Default 0.12.
   */
  readonly epsilon?: number | 'per-layer' | 'he';
  /** Seed of seededRandom; the same seed always gives the same Θ. */
  readonly seed: number;
}

/**
 * Ng's per-layer ε for Θ(l): √6 / √(L_in + L_out) with L_in = s(l), L_out = s(l+1), the units on
 * either side of the weights.
 */
export function perLayerEpsilon(unitsIn: number, unitsOut: number): number {
  return Math.sqrt(6) / Math.sqrt(unitsIn + unitsOut);
}

/**
 * He's ε for Θ(l) of ReLU units: √6 / √L_in with L_in = s(l), so that the variance of U[−ε, ε], ε²/3,
 * is 2/L_in: half the units are off, and the other half keep the signal's size from layer to layer.
 */
export function heEpsilon(unitsIn: number): number {
  return Math.sqrt(6) / Math.sqrt(unitsIn);
}

/**
 * Unrolled initial θ for a network of `sizes`: Θ(1), Θ(2), … each filled row-major with
 * rand·2ε − ε (Ng's randInitializeWeights) from one seededRandom(seed) stream, or all zeros.
 */
export function initialTheta(sizes: LayerSizes, options: InitOptions): Float64Array {
  const layout = thetaLayout(sizes);
  const theta = new Float64Array(parameterCount(sizes));
  const { init, epsilon = DEFAULT_EPSILON, seed } = options;
  if (init === 'zeros') return theta;
  if (init !== 'uniform') throw new Error(`init must be 'uniform' or 'zeros', got '${String(init)}'`);
  if (
    epsilon !== 'per-layer' &&
    epsilon !== 'he' &&
    !(typeof epsilon === 'number' && Number.isFinite(epsilon) && epsilon > 0)
  ) {
    throw new Error(`epsilon must be a number > 0, 'per-layer' or 'he', got ${String(epsilon)}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) {
    throw new Error(`seed must be a whole number in 0…2³²−1, got ${seed}`);
  }
  const random = seededRandom(seed);
  layout.forEach(({ rows, cols, offset }, l) => {
    const e =
      epsilon === 'per-layer'
        ? perLayerEpsilon(sizes[l], sizes[l + 1])
        : epsilon === 'he'
          ? heEpsilon(sizes[l])
          : epsilon;
    for (let i = offset; i < offset + rows * cols; i++) theta[i] = random() * 2 * e - e;
  });
  return theta;
}
