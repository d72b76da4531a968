/**
 * The functions a ModelChoice stands for, looked up once per cost function: the hidden units' g and
 * g′ (from a), and the cost's per-output term and output δ. The output units are always sigmoid.
 * With NG_MODEL they are the very functions the loop used before costs and activations could be
 * chosen (sigmoid, a(1 − a), crossEntropyTerm, outputDelta), so Ng's network keeps its bits.
 */
import {
  relu,
  reluGradientFromActivation,
  sigmoid,
  sigmoidGradientFromActivation,
  tanh,
  tanhGradientFromActivation,
} from './activation';
import { crossEntropyTerm, outputDelta } from './cross-entropy';
import { ACTIVATIONS, COSTS, NG_MODEL, type ModelChoice } from './model';
import { quadraticDelta, quadraticTerm } from './quadratic';

export interface ModelMath {
  readonly model: ModelChoice;
  /** g(z) of a hidden unit. */
  readonly hidden: (z: number) => number;
  /** g′(z) of a hidden unit, from its activation a = g(z). */
  readonly hiddenSlope: (a: number) => number;
  /** One output unit's share of this example's cost, from h = a(L) and whether it is the target class. */
  readonly costTerm: (h: number, isTargetClass: boolean) => number;
  /** δ(L) of one output unit: ∂(cost term)/∂z(L). */
  readonly outputDelta: (h: number, isTargetClass: boolean) => number;
}

const HIDDEN = {
  sigmoid: { hidden: sigmoid, hiddenSlope: sigmoidGradientFromActivation },
  tanh: { hidden: tanh, hiddenSlope: tanhGradientFromActivation },
  relu: { hidden: relu, hiddenSlope: reluGradientFromActivation },
} as const;

const OUTPUT = {
  'cross-entropy': { costTerm: crossEntropyTerm, outputDelta },
  quadratic: { costTerm: quadraticTerm, outputDelta: quadraticDelta },
} as const;

/** Checks a model choice from outside the type system; the error names the field and the choices. */
export function validateModel(model: ModelChoice): void {
  if (!(COSTS as readonly string[]).includes(model?.cost)) {
    throw new Error(`unknown cost '${String(model?.cost)}': expected ${COSTS.join(' or ')}`);
  }
  if (!(ACTIVATIONS as readonly string[]).includes(model.activation)) {
    throw new Error(`unknown hidden activation '${String(model.activation)}': expected ${ACTIVATIONS.join(', ')}`);
  }
}

/** The hidden g, g′ and the cost's term and δ(L) of `model`. */
export function modelMath(model: ModelChoice = NG_MODEL): ModelMath {
  validateModel(model);
  return { model, ...HIDDEN[model.activation], ...OUTPUT[model.cost] };
}

/** Whether `model` is Ng's exercise 4 (cross-entropy, sigmoid hidden units). */
export function isNgModel(model: ModelChoice): boolean {
  return model.cost === NG_MODEL.cost && model.activation === NG_MODEL.activation;
}
