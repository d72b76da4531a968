/**
 * Which runs can share a picture with a run: a line between two minima and planes side by side need Θ
 * of the same shape (inputs, hidden layers, classes) and one J, the same cost and hidden activation
 * (the API refuses a line between two models). For the planes the natural partner differs in λ only
 * (λ = 0 against λ = 1).
 */
import type { RunSummary } from '../../../../src-main/api/table';

type Shape = Pick<RunSummary, 'hiddenLayers' | 'width' | 'height' | 'classCount'>;
type Model = Pick<RunSummary, 'cost' | 'activation'>;

const sameHidden = (a: Shape, b: Shape) =>
  a.hiddenLayers.length === b.hiddenLayers.length && a.hiddenLayers.every((h, i) => h === b.hiddenLayers[i]);

/** Θ of the same shape: as many inputs (width · height), the same hidden layers and as many classes. */
export function sameShape(a: Shape, b: Shape): boolean {
  return a.width * a.height === b.width * b.height && sameHidden(a, b) && a.classCount === b.classCount;
}

/** One J: trained on the same cost with the same hidden activation. */
export function sameModel(a: Model, b: Model): boolean {
  return a.cost === b.cost && a.activation === b.activation;
}

/** A partner for `run`'s pictures: Θ of the same shape, trained on the same J. */
export function canPartner(a: Shape & Model, b: Shape & Model): boolean {
  return sameShape(a, b) && sameModel(a, b);
}

/**
 * Why the other runs are not offered as `run`'s partner, e.g. "… (3 with other hidden layers and 1 with
 * another cost or hidden activation)…"; null when every other run is offered. Each run is counted once,
 * by the first difference of inputs, hidden layers, classes, model.
 */
export function missingPartners(
  run: Shape & Model & Pick<RunSummary, 'id'>,
  runs: readonly (Shape & Model & Pick<RunSummary, 'id'>)[],
): string | null {
  let inputs = 0;
  let hidden = 0;
  let classes = 0;
  let models = 0;
  for (const r of runs) {
    if (r.id === run.id) continue;
    if (r.width * r.height !== run.width * run.height) inputs++;
    else if (!sameHidden(r, run)) hidden++;
    else if (r.classCount !== run.classCount) classes++;
    else if (!sameModel(r, run)) models++;
  }
  const total = inputs + hidden + classes + models;
  if (total === 0) return null;
  const parts = [
    inputs ? `${inputs} with another number of inputs` : '',
    hidden ? `${hidden} with other hidden layers` : '',
    classes ? `${classes} with another number of classes` : '',
    models
      ? `${models} trained on another cost or hidden activation than ${run.cost} with ${run.activation} units`
      : '',
  ].filter(Boolean);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
  const needs = [
    inputs + hidden + classes > 0 ? 'their Θ to have the same shape' : '',
    models > 0 ? 'one J (the same cost and hidden activation)' : '',
  ].filter(Boolean);
  return (
    `${total} other finished ${total === 1 ? 'run is' : 'runs are'} not offered (${list}): ` +
    `a line or a plane between two networks needs ${needs.join(' and ')}.`
  );
}

/**
 * The run whose plane goes beside `run`'s: the newest of the same shape with λ = 0 if `run` has λ > 0,
 * else with λ = 1, else any other λ; null when none differs in λ. `others` newest first.
 */
export function planePartner<R extends Pick<RunSummary, 'lambda'>>(run: R, others: readonly R[]): R | null {
  const wanted = run.lambda > 0 ? 0 : 1;
  return others.find((r) => r.lambda === wanted) ?? others.find((r) => r.lambda !== run.lambda) ?? null;
}

/** "#12 · λ = 1 · seed 3 · Name" for a run list. */
export function runLabel(r: Pick<RunSummary, 'id' | 'name' | 'lambda' | 'seed'>): string {
  return `#${r.id} · λ = ${r.lambda} · seed ${r.seed} · ${r.name}`;
}

/** Same shape, λ, training-set size and optimizer (partners share the model already): runs that differ (at most) in the seed of Θ₀. */
export function sameSettings(
  a: Shape & Pick<RunSummary, 'lambda' | 'trainSize' | 'optimizer'>,
  b: Shape & Pick<RunSummary, 'lambda' | 'trainSize' | 'optimizer'>,
): boolean {
  return sameShape(a, b) && a.lambda === b.lambda && a.trainSize === b.trainSize && a.optimizer === b.optimizer;
}
