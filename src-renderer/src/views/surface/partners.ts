/**
 * Which runs can share a picture with a run: a line between two minima and planes side by side need Θ
 * of the same shape (inputs, hidden layers, classes). For the planes the natural partner differs in λ
 * only (λ = 0 against λ = 1).
 */
import type { RunSummary } from '../../../../src-main/api/table';

type Shape = Pick<RunSummary, 'hiddenLayers' | 'width' | 'height' | 'classCount'>;

const sameHidden = (a: Shape, b: Shape) =>
  a.hiddenLayers.length === b.hiddenLayers.length && a.hiddenLayers.every((h, i) => h === b.hiddenLayers[i]);

/** Θ of the same shape: as many inputs (width · height), the same hidden layers and as many classes. */
export function sameShape(a: Shape, b: Shape): boolean {
  return a.width * a.height === b.width * b.height && sameHidden(a, b) && a.classCount === b.classCount;
}

/**
 * Why the other runs are not offered as `run`'s partner, e.g. "… (3 with other hidden layers and 1 with
 * another number of classes)…"; null when every other run is offered. Each run is counted once, by the
 * first difference of inputs, hidden layers, classes.
 */
export function missingPartners(
  run: Shape & Pick<RunSummary, 'id'>,
  runs: readonly (Shape & Pick<RunSummary, 'id'>)[],
): string | null {
  let inputs = 0;
  let hidden = 0;
  let classes = 0;
  for (const r of runs) {
    if (r.id === run.id) continue;
    if (r.width * r.height !== run.width * run.height) inputs++;
    else if (!sameHidden(r, run)) hidden++;
    else if (r.classCount !== run.classCount) classes++;
  }
  const total = inputs + hidden + classes;
  if (total === 0) return null;
  const parts = [
    inputs ? `${inputs} with another number of inputs` : '',
    hidden ? `${hidden} with other hidden layers` : '',
    classes ? `${classes} with another number of classes` : '',
  ].filter(Boolean);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
  return (
    `${total} other finished ${total === 1 ? 'run is' : 'runs are'} not offered (${list}): ` +
    `a line or a plane between two networks needs their Θ to have the same shape.`
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

/** Same shape, λ, training-set size and optimizer: runs that differ (at most) in the seed of Θ₀. */
export function sameSettings(
  a: Shape & Pick<RunSummary, 'lambda' | 'trainSize' | 'optimizer'>,
  b: Shape & Pick<RunSummary, 'lambda' | 'trainSize' | 'optimizer'>,
): boolean {
  return sameShape(a, b) && a.lambda === b.lambda && a.trainSize === b.trainSize && a.optimizer === b.optimizer;
}
