/**
 * Which runs can share a picture with a run: a line between two minima and planes side by side need the
 * same layer sizes. For the planes the natural partner differs in λ only (λ = 0 against λ = 1).
 */
import type { RunSummary } from '../../../../src-main/api/table';

type Shape = Pick<RunSummary, 'hiddenLayers' | 'width' | 'height'>;

/** Same input size and hidden layers (the outputs are checked by the thread). */
export function sameShape(a: Shape, b: Shape): boolean {
  return (
    a.width === b.width &&
    a.height === b.height &&
    a.hiddenLayers.length === b.hiddenLayers.length &&
    a.hiddenLayers.every((h, i) => h === b.hiddenLayers[i])
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
