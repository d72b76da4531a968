/**
 * An explained example as plain JSON: the CLI's `explain --json` document and the richer answer the
 * Backprop view draws (both factors of every hidden δ, which units above sent the most blame, one
 * gradient step, hidden-unit images before and after it).
 */
import { explainExample, oneStep, SATURATION_SLOPE, type ExampleExplanation } from './backprop';
import { rollThetas, thetaLayout } from '../nn/shape';
import { checkDeltas } from './delta-check';
import type { ModelChoice } from '../nn/model';
import { modelOf } from '../run/hyperparameters';
import { hiddenUnitImages } from '../units/hidden-units';
import type { ResolvedExample, RunToExplain } from './examples';
import type { BackpropView, Contribution, DeltaCheckJson, ExplanationJson } from './types';

export type { BackpropView, Contribution, ExplanationJson, SumCheckJson } from './types';
import { ExplainInputError } from './examples';

/** The numbers of an explanation in the CLI's JSON form. */
export function explanationJson(e: ExampleExplanation): ExplanationJson {
  return {
    model: { ...e.model },
    a: e.a.map((v) => Array.from(v)),
    z: e.z.map((v) => Array.from(v)),
    delta: e.delta.map((v) => Array.from(v)),
    grad: rollThetas(e.grad, e.sizes),
    cost: e.cost,
    label: e.label,
    predicted: e.predicted,
  };
}

/** Every unit's δ of `e` against a central difference of the example's cost in its z, as JSON. */
export function deltaCheckJson(theta: Float64Array, e: ExampleExplanation): DeltaCheckJson {
  const check = checkDeltas(theta, e);
  return {
    e: check.e,
    numeric: check.layers.map((units) => units.map((u) => u.numeric)),
    relativeDifference: check.layers.map((units) => units.map((u) => u.relativeDifference)),
    largest: check.largest,
    units: check.units,
    kinks: check.kinks,
    roundedToZero: check.roundedToZero,
  };
}

/** Explains `example` with `target`'s weights, with the label override and the step's learning rate. */
export function backpropView(
  target: RunToExplain,
  example: ResolvedExample,
  options: { label?: number; rate?: number },
): BackpropView {
  const started = performance.now();
  const { run, sizes, theta } = target;
  const model: ModelChoice = modelOf(run.hyperparameters);
  const K = sizes[sizes.length - 1];
  if (options.label !== undefined && (!Number.isInteger(options.label) || options.label < 0 || options.label >= K)) {
    throw new ExplainInputError(`label must be a class 0…${K - 1}, got ${options.label}`);
  }
  const rate = options.rate ?? 1;
  // Without any label (the pad) the target is the network's own answer until the user picks one.
  const label = options.label ?? example.label ?? explainExample(theta, sizes, example.x, 0, model).predicted;
  const before = explainExample(theta, sizes, example.x, label, model);
  const step = oneStep(theta, sizes, example.x, label, rate, before);
  const isImage = run.width * run.height === sizes[0] && sizes.length > 2;
  const pngs = (t: Float64Array) =>
    isImage
      ? hiddenUnitImages(t, sizes, run.width, run.height).units.map((u) => Buffer.from(u.png).toString('base64'))
      : [];
  const view: BackpropView = {
    ...explanationJson(before),
    runId: run.id,
    runName: run.name,
    weights: target.which,
    hasInitialWeights: target.hasInitialWeights,
    width: run.width,
    height: run.height,
    sizes: [...sizes],
    lambda: run.hyperparameters.lambda,
    description: example.description,
    trueLabel: example.label,
    backpropagated: before.backpropagated.map((v) => Array.from(v)),
    slope: before.slope.map((v) => Array.from(v)),
    saturationSlope: SATURATION_SLOPE,
    contributions: contributions(theta, before),
    deltaCheck: deltaCheckJson(theta, before),
    step: {
      rate,
      output: Array.from(step.after.a[sizes.length - 1]),
      predicted: step.after.predicted,
      cost: step.after.cost,
      unitPngsBefore: pngs(theta),
      unitPngsAfter: pngs(step.theta),
    },
    computeMs: 0,
  };
  view.computeMs = performance.now() - started;
  return view;
}

/** For each hidden unit j of layer l: the terms Θ(l)[k][j+1]·δ(l+1)ₖ of (Θ(l)ᵀδ(l+1))ⱼ with the largest |value|. */
function contributions(theta: Float64Array, e: ExampleExplanation, top = 3): Contribution[][][] {
  const layout = thetaLayout(e.sizes);
  return e.backpropagated.map((_, h) => {
    const { rows, cols, offset } = layout[h + 1]; // Θ from hidden layer h+2 (1-based) to the one above
    const above = e.delta[h + 1];
    return Array.from({ length: cols - 1 }, (_u, j) => {
      const terms: Contribution[] = [];
      for (let k = 0; k < rows; k++) {
        const weight = theta[offset + k * cols + j + 1];
        terms.push({ unit: k, weight, delta: above[k], product: weight * above[k] });
      }
      return terms.sort((p, q) => Math.abs(q.product) - Math.abs(p.product)).slice(0, top);
    });
  });
}
