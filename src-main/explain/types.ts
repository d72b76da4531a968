/**
 * The shapes of an explained example as JSON (the CLI's `explain --json`, the Backprop view's answer and
 * its sum check). Types only, so the renderer can read them without pulling in the math or the data.
 */

/** Which Θ to explain with: the run's final weights or the ones it started from. */
export type WhichWeights = 'final' | 'initial';

/** The cost and hidden activation an example was explained with (nn/model.ts's ModelChoice). */
export interface ModelJson {
  cost: 'cross-entropy' | 'quadratic';
  activation: 'sigmoid' | 'tanh' | 'relu';
}

/** δ checked node by node (explain/delta-check.ts): per layer after the input, per unit. */
export interface DeltaCheckJson {
  /** The step e of the central difference in z. */
  e: number;
  /** (C(z + e) − C(z − e)) / 2e per unit. */
  numeric: number[][];
  /** |δ − numeric| / max(|δ|, |numeric|) per unit. */
  relativeDifference: number[][];
  /** The largest over the units not at a ReLU kink nor rounded to 0; layer 2 is the first hidden layer. */
  largest: { relativeDifference: number; layer: number; unit: number };
  units: number;
  kinks: number;
  roundedToZero: number;
}

/** `explain --json`: a per layer (input first, no bias units), z and δ per layer after the input, one grad per Θ. */
export interface ExplanationJson {
  a: number[][];
  z: number[][];
  delta: number[][];
  /** One matrix per Θ(l), rows with the bias in column 0: this example's unregularized ∂J/∂Θ(l). */
  grad: number[][][];
  cost: number;
  label: number;
  predicted: number;
  model: ModelJson;
  /** With `explain --check` (always in the Backprop view). */
  deltaCheck?: DeltaCheckJson;
}

/** One unit above's share of a hidden unit's routed-back error: Θ(l)[k][j]·δ(l+1)ₖ. */
export interface Contribution {
  /** Unit (0-based) of the layer above. */
  unit: number;
  weight: number;
  delta: number;
  product: number;
}

/** What the Backprop view shows for one example. */
export interface BackpropView extends ExplanationJson {
  runId: number;
  runName: string;
  weights: WhichWeights;
  /** Whether the run also kept Θ₀ (so the view can offer the untrained network). */
  hasInitialWeights: boolean;
  width: number;
  height: number;
  sizes: number[];
  lambda: number;
  description: string;
  /** The example's own label; null when nobody said (a drawing on the pad) and the target is the answer. */
  trueLabel: number | null;
  /** Per hidden layer: (Θᵀδ) without the bias entry, and g′(z), whose product is δ. */
  backpropagated: number[][];
  slope: number[][];
  /** Units with g′(z) below this count as saturated. */
  saturationSlope: number;
  /** Per hidden layer, per unit: the three units above that sent the most blame, largest |product| first. */
  contributions: Contribution[][][];
  /** One gradient-descent step on this example alone: Θ ← Θ − rate·∂J/∂Θ. */
  step: {
    rate: number;
    /** a(L), predicted class and cost after the step. */
    output: number[];
    predicted: number;
    cost: number;
    /** First hidden layer's weight images (base64 PNG) before and after the step; [] when the input is not an image. */
    unitPngsBefore: string[];
    unitPngsAfter: string[];
  };
  deltaCheck: DeltaCheckJson;
  /** Time to explain on the server, ms (without loading weights or data). */
  computeMs: number;
}

/** The per-example-sum check on a run's training set, as the view shows it. */
export interface SumCheckJson {
  runId: number;
  m: number;
  lambda: number;
  maxAbsDifference: number;
  relativeDifference: number;
  /** Largest |∂J/∂Θ| entry, for scale. */
  maxAbsGradient: number;
  computeMs: number;
}
